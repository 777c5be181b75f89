package org.odcmigrate.odc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Rows committed so far per entity of a running migration, from its copy checkpoints: every
 * batch commits with its checkpoint, so these are exact figures between two batches.
 */
public final class CopyCounts {

  /** Rows written and references nulled so far by one entity's ranges. */
  public record Committed(long rowsWritten, long nulledReferences) {}

  private CopyCounts() {}

  /** Keyed by {@code appKey + "/" + entityKey}; empty when nothing was committed yet. */
  public static Map<String, Committed> committed(Connection stage, String migrationId) throws SQLException {
    Map<String, Committed> counts = new HashMap<>();
    try (PreparedStatement ps = stage.prepareStatement(
        "SELECT app_key, entity_key, sum(rows_written), sum(nulled_references) FROM odc_catalog.copy_checkpoint"
            + " WHERE migration_id = ? GROUP BY app_key, entity_key")) {
      ps.setString(1, migrationId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(key(rs.getString(1), rs.getString(2)), new Committed(rs.getLong(3), rs.getLong(4)));
        }
      }
    }
    return counts;
  }

  public static String key(String appKey, String entityKey) {
    return appKey + "/" + entityKey;
  }
}
