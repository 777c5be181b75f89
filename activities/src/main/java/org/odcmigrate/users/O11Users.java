package org.odcmigrate.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the end users of an environment's default Users provider, active and inactive alike: those
 * of the tenant named Users of the Users module (no public source shows a default flag on tenants).
 */
public final class O11Users {

  private static final String SQL =
      "SELECT u.[Id], u.[Name], u.[Username], u.[Email], u.[Is_Active] FROM [ossys_User] u"
          + " JOIN [ossys_Tenant] t ON t.[Id] = u.[Tenant_Id]"
          + " JOIN [ossys_Espace] e ON e.[Id] = t.[Espace_Id]"
          + " WHERE e.[Name] = 'Users' AND e.[Is_Active] = 1 AND t.[Name] = 'Users' ORDER BY u.[Id]";

  /**
   * The Users tenant of the Users module: the end users' tenant, and the default one of app data.
   */
  public static final String USERS_TENANT =
      "SELECT t.[Id] FROM [ossys_Tenant] t JOIN [ossys_Espace] e ON e.[Id] = t.[Espace_Id]"
          + " WHERE e.[Name] = 'Users' AND e.[Is_Active] = 1 AND t.[Name] = 'Users'";

  private O11Users() {}

  public static List<EndUser> read(Connection source) throws SQLException {
    List<EndUser> users = new ArrayList<>();
    try (PreparedStatement ps = source.prepareStatement(SQL);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        users.add(
            new EndUser(
                rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)));
      }
    }
    return users;
  }
}
