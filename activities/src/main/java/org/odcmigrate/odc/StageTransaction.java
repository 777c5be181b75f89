package org.odcmigrate.odc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs work in one transaction on a stage connection: all of it commits, or none of it, and what
 * commits is on disk, whatever the stage's {@code synchronous_commit}.
 */
public final class StageTransaction {

  private StageTransaction() {}

  /** The work of one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws SQLException;
  }

  public static <T> T run(Connection connection, Work<T> work) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      durable(connection);
      T result = work.run();
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      rollbackAfter(connection, e);
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /**
   * Rolls back after a failure; a rollback that fails too (the connection is gone) is kept beside
   * the failure, which stays the one reported and classified.
   */
  public static void rollbackAfter(Connection connection, Throwable failure) {
    try {
      connection.rollback();
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Makes the commit wait for the WAL flush on this server. A stage tuned with {@code
   * synchronous_commit = off} otherwise acknowledges a batch and its checkpoint that a crash can
   * still lose, and the copy resumes past rows that are gone. Not {@code remote_apply}: that waits
   * for standbys we do not know of and, with none configured, is the same as {@code on}.
   */
  public static void durable(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("SET LOCAL synchronous_commit = on");
    }
  }
}
