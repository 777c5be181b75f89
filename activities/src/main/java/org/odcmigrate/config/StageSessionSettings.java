package org.odcmigrate.config;

import java.util.Locale;
import java.util.Optional;

/**
 * What every PostgreSQL session of the product starts with, whatever the server, database or role
 * default to (managed servers often set timeouts): a COPY batch stays open while O11 rows are read,
 * a verification reads a whole table, and a foreign key is validated in one statement, so neither
 * statement nor idle-in-transaction timeouts may cut them; the copy's checkpoint claims assume READ
 * COMMITTED in a writable transaction.
 */
final class StageSessionSettings {

  static final String INIT_SQL =
      "SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0;"
          + " SET default_transaction_isolation = 'read committed';"
          + " SET default_transaction_read_only = off";

  private StageSessionSettings() {}

  /** The statements a new connection runs first: for PostgreSQL only. */
  static Optional<String> initSql(String url) {
    return url != null && url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")
        ? Optional.of(INIT_SQL)
        : Optional.empty();
  }
}
