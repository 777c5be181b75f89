package org.odcmigrate.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

/**
 * What every PostgreSQL session of the product starts with, whatever the server, database or role
 * default to (managed servers often set timeouts): a COPY batch stays open while O11 rows are read,
 * a verification reads a whole table, and a foreign key is validated in one statement, so neither
 * statement nor idle-in-transaction timeouts may cut them; the copy's checkpoint claims assume READ
 * COMMITTED in a writable transaction.
 */
public final class StageSessionSettings {

  /**
   * How long a statement of the product's that empties or alters a stage table waits for its lock.
   * A deployed app's session holding the table (idle in a transaction, a long report) would
   * otherwise hold the statement, and behind it every query of the app on that table, for good;
   * past this the statement fails with 55P03, which is retried later.
   */
  static final String LOCK_WAIT = "30s";

  static final String INIT_SQL =
      "SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0;"
          + " SET default_transaction_isolation = 'read committed';"
          + " SET default_transaction_read_only = off";

  private StageSessionSettings() {}

  /** Bounds the lock waits of the caller's transaction, before it empties or alters a table. */
  public static void limitLockWait(Connection stage) throws SQLException {
    try (Statement st = stage.createStatement()) {
      st.execute("SET LOCAL lock_timeout = '" + LOCK_WAIT + "'");
    }
  }

  /** The statements a new connection runs first: for PostgreSQL only. */
  static Optional<String> initSql(String url) {
    return url != null && url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")
        ? Optional.of(INIT_SQL)
        : Optional.empty();
  }
}
