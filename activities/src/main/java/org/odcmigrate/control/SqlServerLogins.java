package org.odcmigrate.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.odcmigrate.o11.SqlServerDialect;

/**
 * Stops an O11 environment the way a DBA would: its runtime SQL logins are disabled, so its
 * applications cannot reach their data, and their open sessions are ended. Starting enables them.
 * SQL Server only (ALTER LOGIN, sys.dm_exec_sessions, KILL); covered by the SQL Server suite.
 */
final class SqlServerLogins implements EnvironmentControl {

  private final DataSource admin;
  private final List<String> logins;

  SqlServerLogins(DataSource admin, List<String> logins) {
    if (logins.isEmpty()) {
      throw new IllegalArgumentException(
          "control type database needs the environment's runtime logins under control.logins");
    }
    this.admin = admin;
    this.logins = List.copyOf(logins);
  }

  @Override
  public void stop(String environment) throws SQLException {
    try (Connection connection = admin.getConnection();
        Statement st = connection.createStatement()) {
      for (String login : logins) {
        st.execute("ALTER LOGIN " + SqlServerDialect.quote(login) + " DISABLE");
      }
      for (int session : sessions(connection)) {
        st.execute("KILL " + session);
      }
    }
  }

  @Override
  public void start(String environment) throws SQLException {
    try (Connection connection = admin.getConnection();
        Statement st = connection.createStatement()) {
      for (String login : logins) {
        st.execute("ALTER LOGIN " + SqlServerDialect.quote(login) + " ENABLE");
      }
    }
  }

  private List<Integer> sessions(Connection connection) throws SQLException {
    List<Integer> sessions = new ArrayList<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT session_id FROM sys.dm_exec_sessions WHERE login_name = ? AND session_id <> @@SPID")) {
      for (String login : logins) {
        ps.setString(1, login);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sessions.add(rs.getInt(1));
          }
        }
      }
    }
    return sessions;
  }
}
