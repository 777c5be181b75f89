package org.odcmigrate.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.odcmigrate.migration.UsersResult;
import org.odcmigrate.odc.StageTransaction;

/**
 * The stage's user store: end users upserted by email, never deleted or duplicated, and the map
 * from (environment, O11 user id) to ODC user id that app data references are rewritten through.
 * One transaction, so a retried activity finds either nothing or everything done.
 */
public final class UserStore {

  private UserStore() {}

  /**
   * Upserts the users and resets their direct roles in the given apps to the source's: roles
   * granted in ODC since a previous run are replaced, as ODC's own migration does.
   */
  public static UsersResult upsert(
      Connection stage,
      String environment,
      List<EndUser> users,
      int skipped,
      List<O11Roles.Assignment> assignments,
      List<String> appKeys)
      throws SQLException {
    return StageTransaction.run(
        stage,
        () -> {
          Map<Integer, UUID> mapped = UserMap.load(stage, environment).ids();
          Map<String, UUID> byEmail = byEmail(stage);
          int created = 0;
          int updated = 0;
          try (PreparedStatement insertUser =
                  stage.prepareStatement(
                      "INSERT INTO odc_identity.end_user (id, name, email, is_active) VALUES (?, ?, ?, ?)");
              PreparedStatement updateUser =
                  stage.prepareStatement(
                      "UPDATE odc_identity.end_user SET name = ?, email = ?, is_active = ? WHERE id = ?");
              PreparedStatement map =
                  stage.prepareStatement(
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
              if (mapped.containsKey(user.id())
                  || byEmail.containsKey(email.toLowerCase(Locale.ROOT))) {
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
          int roles = resetRoles(stage, environment, users, assignments, appKeys);
          return new UsersResult(users.size(), created, updated, skipped, roles);
        });
  }

  private static int resetRoles(
      Connection stage,
      String environment,
      List<EndUser> users,
      List<O11Roles.Assignment> assignments,
      List<String> appKeys)
      throws SQLException {
    Map<Integer, UUID> ids = UserMap.load(stage, environment).ids();
    Set<Integer> migrated = users.stream().map(EndUser::id).collect(Collectors.toSet());
    Map<String, String> apps = appsByModule(stage, appKeys);
    try (PreparedStatement delete =
            stage.prepareStatement(
                "DELETE FROM odc_identity.user_role WHERE user_id = ? AND app_key = ANY (?)");
        PreparedStatement insert =
            stage.prepareStatement(
                "INSERT INTO odc_identity.user_role (user_id, app_key, role_key)"
                    + " SELECT ?, app_key, role_key FROM odc_catalog.app_role WHERE lower(app_key) = lower(?)"
                    + " AND lower(role_key) = lower(?) ON CONFLICT DO NOTHING")) {
      java.sql.Array appArray = stage.createArrayOf("text", appKeys.toArray());
      for (Integer user : migrated) {
        delete.setObject(1, ids.get(user));
        delete.setArray(2, appArray);
        delete.addBatch();
      }
      delete.executeBatch();
      int count = 0;
      for (O11Roles.Assignment assignment : assignments) {
        String app = apps.get(assignment.moduleKey().toLowerCase(Locale.ROOT));
        if (migrated.contains(assignment.userId()) && app != null) {
          insert.setObject(1, ids.get(assignment.userId()));
          insert.setString(2, app);
          insert.setString(3, assignment.roleKey());
          insert.addBatch();
          count++;
        }
      }
      insert.executeBatch();
      return count;
    }
  }

  /**
   * The given apps' keys by the (lower-case) SS_Key of the O11 module each was converted from: O11
   * assigns roles per module, ODC per app, and ODC gives apps keys of their own.
   */
  private static Map<String, String> appsByModule(Connection stage, List<String> appKeys)
      throws SQLException {
    Map<String, String> apps = new HashMap<>();
    try (PreparedStatement ps =
        stage.prepareStatement(
            "SELECT source_module_key, app_key FROM odc_catalog.app WHERE app_key = ANY (?)")) {
      ps.setArray(1, stage.createArrayOf("text", appKeys.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          apps.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
        }
      }
    }
    return apps;
  }

  private static Map<String, UUID> byEmail(Connection stage) throws SQLException {
    Map<String, UUID> ids = new HashMap<>();
    try (PreparedStatement ps =
            stage.prepareStatement("SELECT lower(email), id FROM odc_identity.end_user");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.put(rs.getString(1), rs.getObject(2, UUID.class));
      }
    }
    return ids;
  }
}
