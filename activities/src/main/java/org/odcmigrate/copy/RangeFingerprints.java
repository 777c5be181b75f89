package org.odcmigrate.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.odcmigrate.migration.EntityRef;
import org.odcmigrate.migration.KeyRange;
import org.odcmigrate.o11.SqlServerDialect;
import org.odcmigrate.plan.ColumnPlan;
import org.odcmigrate.plan.EntityPlan;

/**
 * What each key range of a completed copy held: its bounds, rows, the source's fingerprint of them
 * and the checksum of the bytes the stage got. An incremental run keeps a range when both still
 * hold. The only class that reads or writes {@code odc_catalog.range_fingerprint}.
 */
final class RangeFingerprints {

  /**
   * One range as copied.
   *
   * @param range its bounds; the upper one is the last key copied when the range was open
   * @param fingerprint the source's fingerprint of the rows as they were copied (summed from the
   *     row hashes the copy's read returned), or null when the copy resumed from a checkpoint that
   *     predates fingerprints or holds a partial sum of an earlier row hash (see {@link
   *     FingerprintSum}): such a range is always copied again, as is one stored by an earlier
   *     version, whose text never equals one of today's
   * @param stageChecksum the sum of the rows' checksums as sent to the stage (see {@link
   *     RowChecksum})
   */
  record Stored(
      KeyRange range, long rows, long nulledReferences, String fingerprint, long stageChecksum) {}

  private RangeFingerprints() {}

  /**
   * The source's fingerprint of the rows with {@code lower < id <= upper} (null bounds open), in
   * {@link FingerprintSum}'s text.
   */
  static String compute(Connection source, EntityPlan plan, String lower, String upper)
      throws SQLException {
    ColumnPlan id = plan.identifier();
    String sql =
        SqlServerDialect.rangeFingerprint(
            source,
            plan.sourceTable(),
            plan.columns().stream().map(ColumnPlan::sourceColumn).toList(),
            id.sourceColumn(),
            lower != null,
            upper != null);
    try (PreparedStatement ps = source.prepareStatement(sql)) {
      int p = 1;
      if (lower != null) {
        RangeCopier.bindKey(ps, p++, id.kind(), lower);
      }
      if (upper != null) {
        RangeCopier.bindKey(ps, p, id.kind(), upper);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return FingerprintSum.text(
            rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
      }
    }
  }

  /** Records one range of a migration's entity, in the caller's transaction; safe to repeat. */
  static void save(Connection stage, String migrationId, EntityRef entity, Stored range)
      throws SQLException {
    try (PreparedStatement ps =
        stage.prepareStatement(
            "INSERT INTO odc_catalog.range_fingerprint (migration_id, app_key, entity_key, range_no, lower_key,"
                + " upper_key, row_count, nulled_references, source_fingerprint, stage_checksum)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (migration_id, app_key, entity_key, range_no)"
                + " DO UPDATE SET lower_key = excluded.lower_key, upper_key = excluded.upper_key,"
                + " row_count = excluded.row_count, nulled_references = excluded.nulled_references,"
                + " source_fingerprint = excluded.source_fingerprint, stage_checksum = excluded.stage_checksum")) {
      ps.setString(1, migrationId);
      ps.setString(2, entity.appKey());
      ps.setString(3, entity.entityKey());
      ps.setInt(4, range.range().number());
      ps.setString(5, range.range().lowerExclusive());
      ps.setString(6, range.range().upperInclusive());
      ps.setLong(7, range.rows());
      ps.setLong(8, range.nulledReferences());
      ps.setString(9, range.fingerprint());
      ps.setLong(10, range.stageChecksum());
      ps.executeUpdate();
    }
  }

  /** The ranges a migration recorded for an entity, in key order. */
  static List<Stored> load(Connection stage, String migrationId, EntityRef entity)
      throws SQLException {
    List<Stored> ranges = new ArrayList<>();
    try (PreparedStatement ps =
        stage.prepareStatement(
            "SELECT range_no, lower_key, upper_key, row_count, nulled_references, source_fingerprint, stage_checksum"
                + " FROM odc_catalog.range_fingerprint WHERE migration_id = ? AND app_key = ? AND entity_key = ?"
                + " ORDER BY range_no")) {
      ps.setString(1, migrationId);
      ps.setString(2, entity.appKey());
      ps.setString(3, entity.entityKey());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ranges.add(
              new Stored(
                  new KeyRange(rs.getInt(1), rs.getString(2), rs.getString(3)),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getString(6),
                  rs.getLong(7)));
        }
      }
    }
    return ranges;
  }
}
