package org.odcmigrate.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.migration.FailureTypes;

/** {@link SqlFailures} and {@link ActivityRunner}: each SQLState class retried or failed at once. */
class SqlFailuresTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "08006, TRANSIENT", // connection failure
    "08001, TRANSIENT", // cannot connect now
    "57P01, TRANSIENT", // admin shutdown
    "57P02, TRANSIENT", // crash shutdown
    "57P03, TRANSIENT", // cannot connect now (starting up)
    "40001, TRANSIENT", // serialization failure
    "40P01, TRANSIENT", // deadlock
    "53100, TRANSIENT", // disk full
    "53300, TRANSIENT", // too many connections
    "57014, TRANSIENT", // statement timeout
    "55P03, TRANSIENT", // lock timeout
    "HYT00, TRANSIENT", // driver timeout
    "23505, INTEGRITY", // unique violation
    "23503, INTEGRITY", // foreign key violation
    "22001, DATA", // string too long
    "22P02, DATA", // invalid text representation
    "42P01, SCHEMA_OR_PERMISSION", // undefined table
    "42501, SCHEMA_OR_PERMISSION", // insufficient privilege
    "42601, SCHEMA_OR_PERMISSION", // syntax error
    "28P01, SCHEMA_OR_PERMISSION", // wrong password
    "XX000, UNKNOWN" // internal error: not known to be permanent
  })
  void eachSqlStateClassHasItsKind(String state, SqlFailures.Kind kind) {
    assertThat(SqlFailures.classify(new SQLException("boom", state))).isEqualTo(kind);
  }

  @Test
  void aTransientErrorStaysRetryableAndAPermanentOneFailsAtOnceWithWhatToDo() {
    RuntimeException lost = ActivityRunner.translate(new RuntimeException("pool", new SQLException("gone", "08006")));
    assertThat(((ApplicationFailure) lost).isNonRetryable()).isFalse();

    RuntimeException refused = ActivityRunner.translate(new SQLException("value too long", "22001"));
    ApplicationFailure failure = (ApplicationFailure) refused;
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(FailureTypes.SQL_REFUSED);
    assertThat(failure.getOriginalMessage()).isEqualTo("data error (SQLState 22001): value too long. A retry cannot"
        + " help: fix the value in O11 or convert the stage's column to fit it, then migrate again");
  }

  @Test
  void aPostgresIntegrityErrorNamesItsTableAndConstraint() throws SQLException {
    try (Connection stage = EmbeddedStage.newDatabase().getConnection(); Statement st = stage.createStatement()) {
      st.execute("CREATE TABLE orders (id int CONSTRAINT orders_pk PRIMARY KEY)");
      st.execute("INSERT INTO orders VALUES (1)");
      assertThatThrownBy(() -> st.execute("INSERT INTO orders VALUES (1)")).isInstanceOfSatisfying(SQLException.class,
          e -> {
            ApplicationFailure failure = (ApplicationFailure) ActivityRunner.translate(e);
            assertThat(failure.isNonRetryable()).isTrue();
            assertThat(failure.getOriginalMessage())
                .startsWith("integrity error (SQLState 23505) on table public.orders, constraint orders_pk: ")
                .endsWith("fix or remove the offending rows in O11 (or the stage's constraint), then migrate again");
          });
    }
  }

  @Test
  void anErrorWithoutSqlStateIsRetriedAsBefore() {
    RuntimeException e = ActivityRunner.translate(new UncheckedIOException(new IOException("reset by peer")));
    assertThat(((ApplicationFailure) e).isNonRetryable()).isFalse();
  }
}
