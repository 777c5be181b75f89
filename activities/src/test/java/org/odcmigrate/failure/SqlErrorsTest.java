package org.odcmigrate.failure;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.temporal.failure.ApplicationFailure;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odcmigrate.migration.FailureTypes;

/** Which SQL errors an activity retries, and what the others tell the user. */
class SqlErrorsTest {

  @ParameterizedTest(name = "{0} ({1}) is retried")
  @CsvSource({
    "08006, 0, PostgreSQL connection failure",
    "08003, 0, connection does not exist",
    "57P01, 0, admin shutdown",
    "57P02, 0, crash shutdown",
    "57P03, 0, cannot connect now",
    "40001, 0, serialization failure",
    "40P01, 0, deadlock detected",
    "55P03, 0, canceling statement due to lock timeout",
    "53100, 0, disk full",
    "53300, 0, too many connections",
    "57014, 0, canceling statement due to statement timeout",
    "08S01, 0, SQL Server connection reset",
    "40001, 1205, SQL Server deadlock victim",
    "S0001, 1205, SQL Server deadlock victim with a generic state",
    "S0001, 1222, SQL Server lock request timeout",
    "HY008, 0, SQL Server query timed out",
  })
  void retriesWhatARetryCanFix(String state, int code, String message) {
    SQLException e = new SQLException(message, state, code);
    assertThat(SqlErrors.rejection(e)).isEmpty();
    ApplicationFailure failure = (ApplicationFailure) ActivityRunner.translate(e);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains(message);
  }

  @ParameterizedTest(name = "{0} ({1}) fails at once as {2}")
  @CsvSource({
    "23503, 0, IntegrityViolated, the data breaks a constraint",
    "23505, 0, IntegrityViolated, the data breaks a constraint",
    "23502, 0, IntegrityViolated, the data breaks a constraint",
    "23000, 547, IntegrityViolated, the data breaks a constraint",
    "S0001, 2627, IntegrityViolated, the data breaks a constraint",
    "22001, 0, DataRejected, a value does not fit its column",
    "22P02, 0, DataRejected, a value does not fit its column",
    "S0001, 8152, DataRejected, a value does not fit its column",
    "22003, 8115, DataRejected, a value does not fit its column",
    "42P01, 0, StatementRejected, publish or convert the app again",
    "42703, 0, StatementRejected, publish or convert the app again",
    "42601, 0, StatementRejected, publish or convert the app again",
    "S0002, 208, StatementRejected, publish or convert the app again",
    "42501, 0, StatementRejected, grant it as docs/operations.md",
    "S0001, 229, StatementRejected, grant it as docs/operations.md",
  })
  void failsAtOnceWhatNoRetryCanFix(String state, int code, String type, String advice) {
    SQLException e = new SQLException("relation \"orders.order_line\" refused it", state, code);
    ApplicationFailure failure =
        (ApplicationFailure)
            ActivityRunner.translate(
                new UncheckedIOException(new java.io.IOException("copy failed", e)));
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(type);
    assertThat(failure.getOriginalMessage())
        .contains("orders.order_line")
        .containsIgnoringCase(advice)
        .contains("SQLState " + state);
  }

  @Test
  void anErrorOfNoKnownClassIsRetriedUntilItComesBackTooOften() {
    SQLException unknown = new SQLException("internal error 7", "XX000", 0);
    ApplicationFailure early = (ApplicationFailure) ActivityRunner.translate(unknown, 2);
    assertThat(early.isNonRetryable()).isFalse();

    ApplicationFailure last =
        (ApplicationFailure)
            ActivityRunner.translate(unknown, ActivityRunner.UNKNOWN_ERROR_ATTEMPTS);
    assertThat(last.isNonRetryable()).isTrue();
    assertThat(last.getType()).isEqualTo("ErrorRepeated");
    assertThat(last.getOriginalMessage())
        .contains("failed 10 times in a row", "internal error 7", "SQLState", "Fix its cause");

    ApplicationFailure defect =
        (ApplicationFailure) ActivityRunner.translate(new IllegalStateException("no plan"), 12);
    assertThat(defect.isNonRetryable()).isTrue();
    assertThat(defect.getOriginalMessage()).contains("no plan");
  }

  @Test
  void aKnownTransientErrorIsRetriedHoweverOftenItComesBack() {
    int late = ActivityRunner.UNKNOWN_ERROR_ATTEMPTS * 5;
    assertThat(
            ((ApplicationFailure)
                    ActivityRunner.translate(new SQLException("connection reset", "08006"), late))
                .isNonRetryable())
        .isFalse();
    assertThat(
            ((ApplicationFailure)
                    ActivityRunner.translate(
                        new UncheckedIOException(new java.io.IOException("webhook unreachable")),
                        late))
                .isNonRetryable())
        .isFalse();
    // An unknown SQL error inside an I/O wrapper is still of no known class.
    assertThat(
            ((ApplicationFailure)
                    ActivityRunner.translate(
                        new UncheckedIOException(
                            new java.io.IOException(
                                "copy failed", new SQLException("odd", "XX000", 0))),
                        late))
                .isNonRetryable())
        .isTrue();
  }

  @Test
  void theJdbcTransientKindsAreRetriedWhateverTheirState() {
    // Pools report "no connection available" this way, with the last connection failure's state.
    assertThat(SqlErrors.rejection(new SQLTransientConnectionException("pool timed out", "08001")))
        .isEmpty();
    assertThat(SqlErrors.rejection(new SQLTransientConnectionException("pool timed out", "XX000")))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0} ({1}) refuses the login")
  @CsvSource({
    "28P01, 0, password authentication failed for user \"odc\"",
    "28000, 0, no pg_hba.conf entry for host",
    "3D000, 0, database \"stage\" does not exist",
    "S0001, 18456, Login failed for user 'reader'.",
    "S0001, 18470, Login failed for user 'reader'. Reason: The account is disabled.",
    "S0001, 18487, Login failed for user 'reader'. Reason: The password of the account has expired.",
  })
  void aRefusedLoginFailsAtOnceEvenThroughAPool(String state, int code, String message) {
    SQLException pool =
        new SQLTransientConnectionException(
            "stage:Development - Connection is not available, request timed out after 120000ms",
            state,
            code,
            new SQLException(message, state, code));
    ApplicationFailure failure = (ApplicationFailure) ActivityRunner.translate(pool, 1);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(FailureTypes.LOGIN_REFUSED);
    assertThat(failure.getOriginalMessage())
        .contains("stage:Development", message, "SQLState " + state)
        .contains("check the url, user and password");
  }

  /** A wrong password through the product's kind of pool, against a real database. */
  @Test
  void aWrongPasswordThroughAHikariPoolIsRefusedNamingThePool() throws Exception {
    try (Connection open =
        DriverManager.getConnection("jdbc:h2:mem:refused;DB_CLOSE_DELAY=-1", "sa", "right")) {
      HikariConfig config = new HikariConfig();
      config.setPoolName("environment:Sample");
      config.setJdbcUrl("jdbc:h2:mem:refused");
      config.setUsername("sa");
      config.setPassword("wrong");
      config.setInitializationFailTimeout(-1);
      config.setConnectionTimeout(3_000);
      SQLException refused;
      try (HikariDataSource pool = new HikariDataSource(config);
          Connection never = pool.getConnection()) {
        throw new AssertionError("the wrong password was accepted");
      } catch (SQLException e) {
        refused = e;
      }
      ApplicationFailure failure = (ApplicationFailure) ActivityRunner.translate(refused, 1);
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getType()).isEqualTo(FailureTypes.LOGIN_REFUSED);
      assertThat(failure.getOriginalMessage())
          .contains("environment:Sample", "Wrong user name or password")
          .doesNotContain("\n");
    }
  }

  @Test
  void sqlServerCannotOpenDatabaseIsRetriedUntilItComesBackTooOften() {
    SQLException pool =
        new SQLTransientConnectionException(
            "environment:Production - Connection is not available",
            "S0001",
            4060,
            new SQLException(
                "Cannot open database \"OutSystems\" requested by the login.", "S0001", 4060));
    assertThat(((ApplicationFailure) ActivityRunner.translate(pool, 2)).isNonRetryable()).isFalse();
    ApplicationFailure last =
        (ApplicationFailure) ActivityRunner.translate(pool, ActivityRunner.UNKNOWN_ERROR_ATTEMPTS);
    assertThat(last.isNonRetryable()).isTrue();
    assertThat(last.getOriginalMessage()).contains("Cannot open database");
  }

  @Test
  void aSqlServerNumberWeDoNotKnowKeepsRetrying() {
    assertThat(SqlErrors.rejection(new SQLException("something else", "S0001", 50000))).isEmpty();
  }

  @Test
  void theTypesAreOnesTheWorkflowsNeverRetry() {
    assertThat(FailureTypes.NON_RETRYABLE)
        .contains(
            FailureTypes.INTEGRITY_VIOLATED,
            FailureTypes.STATEMENT_REJECTED,
            FailureTypes.DATA_REJECTED);
  }
}
