package org.odcmigrate.odc;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs work in one transaction on a stage connection: all of it commits, or none of it. */
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
