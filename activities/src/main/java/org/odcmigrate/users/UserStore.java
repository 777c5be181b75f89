package org.odcmigrate.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.odcmigrate.migration.UsersResult;

/**
 * The stage's user store: end users upserted by email, never deleted or duplicated, and the map
 * from (environment, O11 user id) to ODC user id that app data references are rewritten through.
 * One transaction, so a retried activity finds either nothing or everything done.
 */
public final class UserStore {

  private UserStore() {}

  public static UsersResult upsert(Connection stage, String environment, List<EndUser> users, int skipped)
      throws SQLException {
    boolean autoCommit = stage.getAutoCommit();
    stage.setAutoCommit(false);
    try {
      Map<Integer, UUID> mapped = mapped(stage, environment);
      Map<String, UUID> byEmail = byEmail(stage);
      int created = 0;
      int updated = 0;
      try (PreparedStatement insertUser = stage.prepareStatement(
              "INSERT INTO odc_identity.end_user (id, name, email, is_active) VALUES (?, ?, ?, ?)");
          PreparedStatement updateUser = stage.prepareStatement(
              "UPDATE odc_identity.end_user SET name = ?, email = ?, is_active = ? WHERE id = ?");
          PreparedStatement map = stage.prepareStatement(
              "INSERT INTO odc_identity.user_map (source_environment, o11_user_id, user_id) VALUES (?, ?, ?)")) {
        for (EndUser user : users) {
          String email = user.email().trim();
          UUID id = mapped.get(user.id());
          if (id == null) {
            id = byEmail.get(email.toLowerCase(Locale.ROOT));
            if (id == null) {
              id = UUID.randomUUID();
              insertUser.setObject(1, id);
              insertUser.setString(2, user.name());
              insertUser.setString(3, email);
              insertUser.setBoolean(4, user.active());
              insertUser.addBatch();
              created++;
            }
            map.setString(1, environment);
            map.setInt(2, user.id());
            map.setObject(3, id);
            map.addBatch();
          }
          if (mapped.containsKey(user.id()) || byEmail.containsKey(email.toLowerCase(Locale.ROOT))) {
            updateUser.setString(1, user.name());
            updateUser.setString(2, email);
            updateUser.setBoolean(3, user.active());
            updateUser.setObject(4, id);
            updateUser.addBatch();
            updated++;
          }
        }
        insertUser.executeBatch();
        map.executeBatch();
        updateUser.executeBatch();
      }
      stage.commit();
      return new UsersResult(users.size(), created, updated, skipped);
    } catch (SQLException | RuntimeException e) {
      stage.rollback();
      throw e;
    } finally {
      stage.setAutoCommit(autoCommit);
    }
  }

  private static Map<Integer, UUID> mapped(Connection stage, String environment) throws SQLException {
    Map<Integer, UUID> ids = new HashMap<>();
    try (PreparedStatement ps = stage.prepareStatement(
        "SELECT o11_user_id, user_id FROM odc_identity.user_map WHERE source_environment = ?")) {
      ps.setString(1, environment);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.put(rs.getInt(1), rs.getObject(2, UUID.class));
        }
      }
    }
    return ids;
  }

  private static Map<String, UUID> byEmail(Connection stage) throws SQLException {
    Map<String, UUID> ids = new HashMap<>();
    try (PreparedStatement ps = stage.prepareStatement("SELECT lower(email), id FROM odc_identity.end_user");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.put(rs.getString(1), rs.getObject(2, UUID.class));
      }
    }
    return ids;
  }
}
