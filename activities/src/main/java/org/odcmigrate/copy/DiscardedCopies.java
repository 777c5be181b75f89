package org.odcmigrate.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.odcmigrate.migration.EntityRef;

/**
 * The apps whose copied data a cancel deleted ({@code odc_catalog.copy_discarded}): copies are not
 * waited for on cancel, so a preparation still running, or the next entity of a small-entity group,
 * must find the mark and refuse rather than fill a table again.
 */
public final class DiscardedCopies {

  private DiscardedCopies() {}

  /** Marks the app's copies of the migration discarded, in the caller's transaction. */
  public static void mark(Connection stage, String migrationId, String appKey) throws SQLException {
    update(
        stage,
        "INSERT INTO odc_catalog.copy_discarded (migration_id, app_key) VALUES (?, ?)"
            + " ON CONFLICT DO NOTHING",
        migrationId,
        appKey);
  }

  /** Lets the app's copies start again: the migration's workflow was reset to copy it anew. */
  public static void allow(Connection stage, String migrationId, String appKey)
      throws SQLException {
    update(
        stage,
        "DELETE FROM odc_catalog.copy_discarded WHERE migration_id = ? AND app_key = ?",
        migrationId,
        appKey);
  }

  /** Refuses, under the entity's preparation lock, when the entity's app was discarded. */
  static void refuseIfMarked(Connection stage, String migrationId, EntityRef entity)
      throws SQLException {
    try (PreparedStatement ps =
        stage.prepareStatement(
            "SELECT 1 FROM odc_catalog.copy_discarded WHERE migration_id = ? AND app_key = ?")) {
      ps.setString(1, migrationId);
      ps.setString(2, entity.appKey());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          throw new IllegalArgumentException(
              entity
                  + ": migration "
                  + migrationId
                  + " was cancelled and its copied data deleted; start a new migration");
        }
      }
    }
  }

  private static void update(Connection stage, String sql, String migrationId, String appKey)
      throws SQLException {
    try (PreparedStatement ps = stage.prepareStatement(sql)) {
      ps.setString(1, migrationId);
      ps.setString(2, appKey);
      ps.executeUpdate();
    }
  }
}
