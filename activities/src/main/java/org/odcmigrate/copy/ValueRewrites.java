package org.odcmigrate.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.odcmigrate.migration.CopyTask;
import org.odcmigrate.migration.KeyRange;

/**
 * Per attribute, the source values the copy rewrote: NULLs outside references and U+0000
 * characters. Counted while a batch is encoded and stored in the batch's own transaction, so the
 * totals stay exact across retries and resumes.
 */
final class ValueRewrites {

  /** What one attribute's values became. */
  record Counts(long nulls, long nulCharacters) {}

  private final Map<String, long[]> pending = new TreeMap<>();

  void nullValue(String attribute) {
    pending.computeIfAbsent(attribute, a -> new long[2])[0]++;
  }

  void nulCharacters(String attribute, long count) {
    pending.computeIfAbsent(attribute, a -> new long[2])[1] += count;
  }

  /** Adds the counts of the batch being committed to the range's totals, then starts afresh. */
  void save(Connection stage, CopyTask task, KeyRange range) throws SQLException {
    if (pending.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        stage.prepareStatement(
            "INSERT INTO odc_catalog.copy_value_rewrite AS r (migration_id, app_key, entity_key, range_no, attribute,"
                + " nulls, nul_characters) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (migration_id, app_key, entity_key,"
                + " range_no, attribute) DO UPDATE SET nulls = r.nulls + excluded.nulls,"
                + " nul_characters = r.nul_characters + excluded.nul_characters")) {
      for (Map.Entry<String, long[]> e : pending.entrySet()) {
        ps.setString(1, task.migrationId());
        ps.setString(2, task.entity().appKey());
        ps.setString(3, task.entity().entityKey());
        ps.setInt(4, range.number());
        ps.setString(5, e.getKey());
        ps.setLong(6, e.getValue()[0]);
        ps.setLong(7, e.getValue()[1]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    pending.clear();
  }

  /** Takes over an earlier migration's counts of the ranges an incremental run keeps. */
  static void carry(Connection stage, String fromMigration, CopyTask task, List<Integer> ranges)
      throws SQLException {
    if (ranges.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        stage.prepareStatement(
            "INSERT INTO odc_catalog.copy_value_rewrite (migration_id, app_key, entity_key, range_no, attribute,"
                + " nulls, nul_characters) SELECT ?, app_key, entity_key, range_no, attribute, nulls, nul_characters"
                + " FROM odc_catalog.copy_value_rewrite WHERE migration_id = ? AND app_key = ? AND entity_key = ?"
                + " AND range_no = ANY (?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, task.migrationId());
      ps.setString(2, fromMigration);
      ps.setString(3, task.entity().appKey());
      ps.setString(4, task.entity().entityKey());
      ps.setArray(5, stage.createArrayOf("integer", ranges.toArray()));
      ps.executeUpdate();
    }
  }

  /** The entity's totals per attribute, over every range. */
  static Map<String, Counts> load(Connection stage, CopyTask task) throws SQLException {
    Map<String, Counts> counts = new TreeMap<>();
    try (PreparedStatement ps =
        stage.prepareStatement(
            "SELECT attribute, sum(nulls), sum(nul_characters) FROM odc_catalog.copy_value_rewrite"
                + " WHERE migration_id = ? AND app_key = ? AND entity_key = ? GROUP BY attribute")) {
      ps.setString(1, task.migrationId());
      ps.setString(2, task.entity().appKey());
      ps.setString(3, task.entity().entityKey());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3)));
        }
      }
    }
    return counts;
  }
}
