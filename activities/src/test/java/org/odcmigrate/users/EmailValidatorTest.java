package org.odcmigrate.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The email rules of ODC logins, on users a real O11 holds. */
class EmailValidatorTest {

  @Test
  void reportsEmptyMalformedAndDuplicateEmailsActiveOrNot() {
    List<EndUser> users =
        List.of(
            new EndUser(1, "Ann", "ann", "ann@example.com", true),
            new EndUser(2, "Bob", "bob", "", true),
            new EndUser(3, "Cy", "cy", "   ", false),
            new EndUser(4, "Di", "di", "di@example", true),
            new EndUser(5, "Ed", "ed", "ed example.com", true),
            new EndUser(6, "Fay", "fay", "ANN@Example.com", false),
            new EndUser(7, "Gus", "gus", "gus@mail.example.org", true),
            new EndUser(8, "Hal", "hal", null, true),
            new EndUser(9, "Ivy", "ivy", "ivy@@example.com", true));
    assertThat(EmailValidator.validate(users))
        .containsExactly(
            new EmailIssue(2, "bob", "", EmailIssue.Reason.EMPTY, null),
            new EmailIssue(3, "cy", "   ", EmailIssue.Reason.EMPTY, null),
            new EmailIssue(4, "di", "di@example", EmailIssue.Reason.MALFORMED, null),
            new EmailIssue(5, "ed", "ed example.com", EmailIssue.Reason.MALFORMED, null),
            new EmailIssue(6, "fay", "ANN@Example.com", EmailIssue.Reason.DUPLICATE, 1),
            new EmailIssue(8, "hal", null, EmailIssue.Reason.EMPTY, null),
            new EmailIssue(9, "ivy", "ivy@@example.com", EmailIssue.Reason.MALFORMED, null));
  }

  @Test
  void theLowestIdKeepsADuplicatedEmailWhateverTheListOrder() {
    List<EmailIssue> issues =
        EmailValidator.validate(
            List.of(
                new EndUser(9, "Late", "late", "Same@Example.com", true),
                new EndUser(2, "Early", "early", "same@example.com", true)));
    assertThat(issues)
        .singleElement()
        .satisfies(
            issue -> {
              assertThat(issue.userId()).isEqualTo(9);
              assertThat(issue.duplicateOf()).isEqualTo(2);
              assertThat(issue.describe())
                  .contains("user 9 (late)")
                  .contains("which user 2 also has");
            });
  }
}
