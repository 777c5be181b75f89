package org.odcmigrate.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.odcmigrate.odc.StageNames;

/**
 * Undeploys a stage app for real: its runtime role loses LOGIN and its sessions are ended, so
 * nothing can change its data during the load. Redeploying gives LOGIN back.
 */
final class PostgresRoles implements StageControl {

  private final DataSource admin;

  PostgresRoles(DataSource admin) {
    this.admin = admin;
  }

  @Override
  public void undeploy(String stage, List<StageApp> apps) throws SQLException {
    try (Connection connection = admin.getConnection();
        Statement st = connection.createStatement();
        PreparedStatement terminate =
            connection.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ? AND pid <> pg_backend_pid()")) {
      for (StageApp app : apps) {
        st.execute("ALTER ROLE " + StageNames.quote(app.runtimeRole()) + " NOLOGIN");
        terminate.setString(1, app.runtimeRole());
        terminate.execute();
      }
    }
  }

  @Override
  public void redeploy(String stage, List<StageApp> apps) throws SQLException {
    try (Connection connection = admin.getConnection();
        Statement st = connection.createStatement()) {
      for (StageApp app : apps) {
        st.execute("ALTER ROLE " + StageNames.quote(app.runtimeRole()) + " LOGIN");
      }
    }
  }
}
