package org.odcmigrate.users;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks that every end user, active or not, has a non-empty, well-formed email no other user has
 * (ignoring case): the rules ODC applies to logins.
 */
public final class EmailValidator {

  /**
   * A pragmatic address shape: one @, no spaces, a dotted domain; what ODC's sign-in accepts in
   * practice.
   */
  private static final Pattern SHAPE =
      Pattern.compile(
          "^[^@\\s]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");

  private static final int MAX_LENGTH = 250;

  private EmailValidator() {}

  /** The problems, in user id order; for duplicates the lowest id keeps the email. */
  public static List<EmailIssue> validate(List<EndUser> users) {
    List<EmailIssue> issues = new ArrayList<>();
    Map<String, Integer> owners = new HashMap<>();
    for (EndUser user : users.stream().sorted(Comparator.comparingInt(EndUser::id)).toList()) {
      String email = user.email() == null ? "" : user.email().trim();
      if (email.isEmpty()) {
        issues.add(
            new EmailIssue(
                user.id(), user.username(), user.email(), EmailIssue.Reason.EMPTY, null));
      } else if (email.length() > MAX_LENGTH || !SHAPE.matcher(email).matches()) {
        issues.add(
            new EmailIssue(
                user.id(), user.username(), user.email(), EmailIssue.Reason.MALFORMED, null));
      } else {
        Integer owner = owners.putIfAbsent(email.toLowerCase(Locale.ROOT), user.id());
        if (owner != null) {
          issues.add(
              new EmailIssue(
                  user.id(), user.username(), user.email(), EmailIssue.Reason.DUPLICATE, owner));
        }
      }
    }
    return issues;
  }
}
