package org.odcmigrate.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The stage's map from an environment's O11 user ids to ODC user ids, read once per copy. */
public final class UserMap {

  private final Map<Integer, UUID> ids;

  private UserMap(Map<Integer, UUID> ids) {
    this.ids = ids;
  }

  public static UserMap load(Connection stage, String environment) throws SQLException {
    Map<Integer, UUID> ids = new HashMap<>();
    try (PreparedStatement ps =
        stage.prepareStatement(
            "SELECT o11_user_id, user_id FROM odc_identity.user_map WHERE source_environment = ?")) {
      ps.setString(1, environment);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.put(rs.getInt(1), rs.getObject(2, UUID.class));
        }
      }
    }
    return new UserMap(ids);
  }

  /** A map of no user, for entities that reference none. */
  public static UserMap none() {
    return new UserMap(Map.of());
  }

  /** The ODC user of an O11 user id, or null when that user was not migrated. */
  public UUID get(int o11UserId) {
    return ids.get(o11UserId);
  }

  Map<Integer, UUID> ids() {
    return ids;
  }
}
