package org.odcmigrate.users;

/**
 * An end user who cannot log in to ODC as things stand: ODC logins are emails.
 *
 * @param duplicateOf for a duplicate, the id of the user who keeps the email
 */
public record EmailIssue(
    int userId, String username, String email, Reason reason, Integer duplicateOf) {

  /** Why the email cannot be an ODC login. */
  public enum Reason {
    EMPTY,
    MALFORMED,
    DUPLICATE
  }

  /** One line a user can act on in O11. */
  public String describe() {
    return switch (reason) {
      case EMPTY -> "user " + userId + " (" + username + ") has no email: set one in O11";
      case MALFORMED ->
          "user "
              + userId
              + " ("
              + username
              + ") has a malformed email '"
              + email
              + "': correct it in O11";
      case DUPLICATE ->
          "user "
              + userId
              + " ("
              + username
              + ") has email '"
              + email
              + "' which user "
              + duplicateOf
              + " also has (emails are compared ignoring case): give one of them another email in O11";
    };
  }
}
