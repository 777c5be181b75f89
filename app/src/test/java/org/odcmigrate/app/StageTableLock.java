package org.odcmigrate.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.odcmigrate.config.StageConfig;

/**
 * Holds an exclusive lock on every app table of a stage (or of one of its apps): a migration
 * started meanwhile stays RUNNING, deterministically, until the lock is released.
 */
final class StageTableLock implements AutoCloseable {

  private final Connection connection;
  private final int apps;

  StageTableLock(StageConfig stage) throws SQLException {
    this(stage, null);
  }

  /** Locks the tables of the named app only; the other apps copy meanwhile. */
  StageTableLock(StageConfig stage, String app) throws SQLException {
    connection = DriverManager.getConnection(stage.url(), stage.user(), stage.password());
    connection.setAutoCommit(false);
    try (Statement st = connection.createStatement()) {
      String tables =
          "SELECT a.schema_name, e.table_name FROM odc_catalog.app a JOIN odc_catalog.entity e USING (app_key)"
              + (app == null ? "" : " WHERE a.name = '" + app.replace("'", "''") + "'");
      List<String[]> locked = StageComparison.query(connection, tables);
      apps = (int) locked.stream().map(t -> t[0]).distinct().count();
      for (String[] table : locked) {
        st.execute("LOCK TABLE \"" + table[0] + "\".\"" + table[1] + "\" IN ACCESS EXCLUSIVE MODE");
      }
    }
  }

  /** How many apps' tables are locked. */
  int apps() {
    return apps;
  }

  @Override
  public void close() throws SQLException {
    connection.rollback();
    connection.close();
  }
}
