package org.odcmigrate.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A SNAPSHOT transaction around one range read of a running O11 environment (SQL Server row
 * versioning): the range is read as it was when the read began. The pooled connection is given back
 * in READ COMMITTED, as it was found.
 */
final class SourceSnapshot implements AutoCloseable {

  private final Connection connection;
  private final boolean active;

  private SourceSnapshot(Connection connection, boolean active) {
    this.connection = connection;
    this.active = active;
  }

  static SourceSnapshot begin(Connection connection, boolean wanted) throws SQLException {
    if (!wanted) {
      return new SourceSnapshot(connection, false);
    }
    connection.setAutoCommit(false);
    try (Statement st = connection.createStatement()) {
      st.execute("SET TRANSACTION ISOLATION LEVEL SNAPSHOT");
    }
    return new SourceSnapshot(connection, true);
  }

  /** Whether the reads run in a SNAPSHOT transaction. */
  boolean isActive() {
    return active;
  }

  @Override
  public void close() throws SQLException {
    if (!active) {
      return;
    }
    try {
      connection.rollback(); // read only: nothing to keep
      try (Statement st = connection.createStatement()) {
        st.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
      }
    } finally {
      connection.setAutoCommit(true);
    }
  }
}
