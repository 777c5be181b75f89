package org.odcmigrate.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.odcmigrate.migration.EntityRef;
import org.odcmigrate.migration.KeyRange;
import org.odcmigrate.odc.StageTransaction;

/**
 * The copy checkpoints in the stage. Every batch's rows and its checkpoint commit in one
 * transaction, and a checkpoint only advances from the last key its writer saw, so a retried or
 * duplicated activity can neither skip nor repeat a row. The only class that reads or writes {@code
 * odc_catalog.copy_checkpoint}.
 */
public final class CheckpointStore {

  /** Rows written and references nulled so far by one entity's ranges. */
  public record Committed(long rowsWritten, long nulledReferences) {}

  private final String migrationId;
  private final EntityRef entity;

  CheckpointStore(String migrationId, EntityRef entity) {
    this.migrationId = migrationId;
    this.entity = entity;
  }

  /** Serialises the preparation of one entity across concurrent attempts (transaction-scoped). */
  void lock(Connection stage) throws SQLException {
    try (PreparedStatement ps =
        stage.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
      ps.setString(1, migrationId + "/" + entity.appKey() + "/" + entity.entityKey());
      ps.execute();
    }
  }

  List<RangeCheckpoint> all(Connection stage) throws SQLException {
    List<RangeCheckpoint> ranges = new ArrayList<>();
    try (PreparedStatement ps =
        stage.prepareStatement(
            "SELECT range_no, lower_key, upper_key, last_key, rows_written, nulled_references, checksum, completed, kept,"
                + " source_fingerprint"
                + " FROM odc_catalog.copy_checkpoint WHERE migration_id = ? AND app_key = ? AND entity_key = ? ORDER BY range_no")) {
      bindEntity(ps);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ranges.add(
              new RangeCheckpoint(
                  new KeyRange(rs.getInt(1), rs.getString(2), rs.getString(3)),
                  rs.getString(4),
                  rs.getLong(5),
                  rs.getLong(6),
                  rs.getLong(7),
                  rs.getBoolean(8),
                  rs.getBoolean(9),
                  rs.getString(10)));
        }
      }
    }
    return ranges;
  }

  RangeCheckpoint get(Connection stage, KeyRange range) throws SQLException {
    return all(stage).stream()
        .filter(c -> c.range().number() == range.number())
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no checkpoint for range "
                        + range.number()
                        + " of "
                        + entity
                        + ": the entity was not prepared in migration "
                        + migrationId));
  }

  void create(Connection stage, List<KeyRange> ranges) throws SQLException {
    try (PreparedStatement ps =
        stage.prepareStatement(
            "INSERT INTO odc_catalog.copy_checkpoint (migration_id, app_key, entity_key, range_no, lower_key, upper_key,"
                + " source_fingerprint) VALUES (?, ?, ?, ?, ?, ?, '"
                + FingerprintSum.EMPTY
                + "')")) {
      for (KeyRange range : ranges) {
        bindEntity(ps);
        ps.setInt(4, range.number());
        ps.setString(5, range.lowerExclusive());
        ps.setString(6, range.upperInclusive());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * Records ranges an incremental run keeps from an earlier migration: completed, with the rows and
   * checksum that migration wrote, so this migration's checkpoints still account for every row.
   */
  void createKept(Connection stage, List<RangeFingerprints.Stored> ranges) throws SQLException {
    try (PreparedStatement ps =
        stage.prepareStatement(
            "INSERT INTO odc_catalog.copy_checkpoint (migration_id, app_key, entity_key, range_no, lower_key, upper_key,"
                + " last_key, rows_written, nulled_references, checksum, completed, kept, source_fingerprint)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, true, ?)")) {
      for (RangeFingerprints.Stored kept : ranges) {
        bindEntity(ps);
        ps.setInt(4, kept.range().number());
        ps.setString(5, kept.range().lowerExclusive());
        ps.setString(6, kept.range().upperInclusive());
        ps.setString(7, kept.range().upperInclusive());
        ps.setLong(8, kept.rows());
        ps.setLong(9, kept.nulledReferences());
        ps.setLong(10, kept.stageChecksum());
        ps.setString(11, kept.fingerprint());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * Locks a range's checkpoint for the caller's transaction, provided it still stands at {@code
   * expectedLastKey}; waits while another attempt holds it. Taken before a batch is written, so a
   * concurrent attempt stops here instead of colliding with the other's rows on the primary key.
   * False when another attempt has moved or completed the range meanwhile. It opens each batch's
   * transaction, so it is also where that transaction is made durable.
   */
  boolean claim(Connection stage, KeyRange range, String expectedLastKey) throws SQLException {
    StageTransaction.durable(stage);
    try (PreparedStatement ps =
        stage.prepareStatement(
            "SELECT 1 FROM odc_catalog.copy_checkpoint WHERE migration_id = ? AND app_key = ? AND entity_key = ?"
                + " AND range_no = ? AND last_key IS NOT DISTINCT FROM ? AND NOT completed FOR UPDATE")) {
      bindEntity(ps);
      ps.setInt(4, range.number());
      ps.setString(5, expectedLastKey);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Moves a range's checkpoint from {@code expectedLastKey} to {@code lastKey}, with the range's
   * new checksum and source fingerprint (running sums the caller keeps). False when another attempt
   * has moved it meanwhile: the caller must roll back its batch.
   */
  boolean advance(
      Connection stage,
      KeyRange range,
      String expectedLastKey,
      String lastKey,
      long rows,
      long nulled,
      long checksum,
      String sourceFingerprint)
      throws SQLException {
    try (PreparedStatement ps =
        stage.prepareStatement(
            "UPDATE odc_catalog.copy_checkpoint SET last_key = ?, rows_written = rows_written + ?,"
                + " nulled_references = nulled_references + ?, checksum = ?, source_fingerprint = ?,"
                + " updated_at = now()"
                + " WHERE migration_id = ? AND app_key = ? AND entity_key = ? AND range_no = ?"
                + " AND last_key IS NOT DISTINCT FROM ? AND NOT completed")) {
      ps.setString(1, lastKey);
      ps.setLong(2, rows);
      ps.setLong(3, nulled);
      ps.setLong(4, checksum);
      ps.setString(5, sourceFingerprint);
      ps.setString(6, migrationId);
      ps.setString(7, entity.appKey());
      ps.setString(8, entity.entityKey());
      ps.setInt(9, range.number());
      ps.setString(10, expectedLastKey);
      return ps.executeUpdate() == 1;
    }
  }

  boolean complete(Connection stage, KeyRange range, String expectedLastKey) throws SQLException {
    StageTransaction.durable(stage);
    try (PreparedStatement ps =
        stage.prepareStatement(
            "UPDATE odc_catalog.copy_checkpoint SET completed = true, updated_at = now()"
                + " WHERE migration_id = ? AND app_key = ? AND entity_key = ? AND range_no = ?"
                + " AND last_key IS NOT DISTINCT FROM ? AND NOT completed")) {
      bindEntity(ps);
      ps.setInt(4, range.number());
      ps.setString(5, expectedLastKey);
      return ps.executeUpdate() == 1;
    }
  }

  /** Forgets this migration's checkpoints of the entity, with the data they describe. */
  void delete(Connection stage) throws SQLException {
    try (PreparedStatement ps =
        stage.prepareStatement(
            "DELETE FROM odc_catalog.copy_checkpoint WHERE migration_id = ? AND app_key = ? AND entity_key = ?")) {
      bindEntity(ps);
      ps.executeUpdate();
    }
  }

  private void bindEntity(PreparedStatement ps) throws SQLException {
    ps.setString(1, migrationId);
    ps.setString(2, entity.appKey());
    ps.setString(3, entity.entityKey());
  }

  /**
   * Rows committed so far per entity of a migration, keyed by {@link #key}: every batch commits
   * with its checkpoint, so these are exact figures between two batches. Empty when nothing was
   * committed yet.
   */
  public static Map<String, Committed> committed(Connection stage, String migrationId)
      throws SQLException {
    Map<String, Committed> counts = new HashMap<>();
    try (PreparedStatement ps =
        stage.prepareStatement(
            "SELECT app_key, entity_key, sum(rows_written), sum(nulled_references) FROM odc_catalog.copy_checkpoint"
                + " WHERE migration_id = ? GROUP BY app_key, entity_key")) {
      ps.setString(1, migrationId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(
              key(rs.getString(1), rs.getString(2)), new Committed(rs.getLong(3), rs.getLong(4)));
        }
      }
    }
    return counts;
  }

  public static String key(String appKey, String entityKey) {
    return appKey + "/" + entityKey;
  }

  /**
   * Takes the preparation lock of each entity, in the caller's transaction: an attempt preparing
   * one of them finishes first, and none starts until the caller commits.
   */
  public static void lockEntities(Connection stage, String migrationId, List<EntityRef> entities)
      throws SQLException {
    for (EntityRef entity : entities) {
      new CheckpointStore(migrationId, entity).lock(stage);
    }
  }

  /** Forgets a migration's checkpoints of every entity of an app, in the caller's transaction. */
  public static void forgetApp(Connection stage, String migrationId, String appKey)
      throws SQLException {
    try (PreparedStatement ps =
        stage.prepareStatement(
            "DELETE FROM odc_catalog.copy_checkpoint WHERE migration_id = ? AND app_key = ?")) {
      ps.setString(1, migrationId);
      ps.setString(2, appKey);
      ps.executeUpdate();
    }
  }
}
