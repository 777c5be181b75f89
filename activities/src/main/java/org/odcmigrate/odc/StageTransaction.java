package org.odcmigrate.odc;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs work in one transaction on a stage connection: all of it commits, or none of it. */
public final class StageTransaction {

  /**
   * Run on every stage connection of the product when it is opened (the stage pool in
   * {@code Connections}), so that every transaction it commits (a batch with its checkpoint, a
   * truncate record, a plan, a report) is on disk when the commit returns. A stage tuned for bulk
   * loads with {@code synchronous_commit = off} loses acknowledged commits in a crash, and with
   * them the checkpoints that say which rows are there. Only {@code off} is raised: {@code local}
   * already flushes locally, and the remote levels of a replicated stage are stricter still.
   */
  public static final String DURABLE_COMMITS = "SELECT CASE WHEN current_setting('synchronous_commit') = 'off'"
      + " THEN set_config('synchronous_commit', 'on', false) END";

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
      T result = work.run();
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }
}
