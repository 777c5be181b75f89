package org.odcmigrate.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The roles of O11 modules and the roles given directly to users (group roles are not migrated).
 */
public final class O11Roles {

  private O11Roles() {}

  /** An active role of a module, named by its SS_Key. */
  public record Role(String moduleKey, String roleKey, String name) {}

  /** A role given to a user directly, not through a group. */
  public record Assignment(int userId, String moduleKey, String roleKey) {}

  public static List<Role> roles(Connection source) throws SQLException {
    List<Role> roles = new ArrayList<>();
    try (PreparedStatement ps =
            source.prepareStatement(
                "SELECT e.[SS_Key], r.[SS_Key], r.[Name] FROM [ossys_Role] r JOIN [ossys_Espace] e ON e.[Id] = r.[Espace_Id]"
                    + " WHERE r.[Is_Active] = 1 AND e.[Is_Active] = 1 ORDER BY r.[Name]");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        roles.add(new Role(rs.getString(1), rs.getString(2), rs.getString(3)));
      }
    }
    return roles;
  }

  public static List<Assignment> directAssignments(Connection source) throws SQLException {
    List<Assignment> assignments = new ArrayList<>();
    try (PreparedStatement ps =
            source.prepareStatement(
                "SELECT ur.[User_Id], e.[SS_Key], r.[SS_Key] FROM [ossys_User_Role] ur"
                    + " JOIN [ossys_Role] r ON r.[Id] = ur.[Role_Id] JOIN [ossys_Espace] e ON e.[Id] = r.[Espace_Id]"
                    + " WHERE r.[Is_Active] = 1 AND e.[Is_Active] = 1");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        assignments.add(new Assignment(rs.getInt(1), rs.getString(2), rs.getString(3)));
      }
    }
    return assignments;
  }
}
