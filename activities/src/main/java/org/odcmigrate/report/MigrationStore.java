package org.odcmigrate.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.odcmigrate.migration.MigrationReport;
import org.odcmigrate.migration.MigrationRequest;
import org.odcmigrate.odc.StageJson;
import org.odcmigrate.odc.StageTransaction;

/** The migrations of a stage and their reports, in {@code odc_catalog.migration}. */
public final class MigrationStore {

  private MigrationStore() {}

  /** A migration as recorded in the stage. */
  public record StoredMigration(MigrationRequest request, String status, MigrationReport report) {}

  public static void recordStart(Connection stage, MigrationRequest request) throws SQLException {
    StageTransaction.run(stage, () -> insertStart(stage, request));
  }

  private static Void insertStart(Connection stage, MigrationRequest request) throws SQLException {
    try (PreparedStatement ps =
        stage.prepareStatement(
            "INSERT INTO odc_catalog.migration (migration_id, source_environment, status, started_at, request)"
                + " VALUES (?, ?, 'RUNNING', now(), ?::jsonb) ON CONFLICT (migration_id) DO NOTHING")) {
      ps.setString(1, request.migrationId());
      ps.setString(2, request.sourceEnvironment());
      ps.setString(3, StageJson.write(request));
      ps.executeUpdate();
    }
    return null;
  }

  /** Records the report; also when the start was never recorded (a cancel that came first). */
  public static void saveReport(Connection stage, MigrationReport report) throws SQLException {
    StageTransaction.run(stage, () -> upsertReport(stage, report));
  }

  private static Void upsertReport(Connection stage, MigrationReport report) throws SQLException {
    try (PreparedStatement ps =
        stage.prepareStatement(
            "INSERT INTO odc_catalog.migration (migration_id, source_environment, status, started_at, finished_at, request,"
                + " report) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb) ON CONFLICT (migration_id) DO UPDATE"
                + " SET status = excluded.status, finished_at = excluded.finished_at, report = excluded.report")) {
      ps.setString(1, report.request().migrationId());
      ps.setString(2, report.request().sourceEnvironment());
      ps.setString(3, report.status().name());
      ps.setTimestamp(4, Timestamp.from(report.startedAt()));
      ps.setTimestamp(5, report.finishedAt() == null ? null : Timestamp.from(report.finishedAt()));
      ps.setString(6, StageJson.write(report.request()));
      ps.setString(7, StageJson.write(report));
      ps.executeUpdate();
    }
    return null;
  }

  public static Optional<StoredMigration> find(Connection stage, String migrationId)
      throws SQLException {
    try (PreparedStatement ps =
        stage.prepareStatement(
            "SELECT request::text, status, report::text FROM odc_catalog.migration WHERE migration_id = ?")) {
      ps.setString(1, migrationId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /** The migration id and environment of the stage's last completed migration, if any. */
  public record Completed(String migrationId, String sourceEnvironment) {}

  public static Optional<Completed> lastCompleted(Connection stage) throws SQLException {
    try (PreparedStatement ps =
            stage.prepareStatement(
                "SELECT migration_id, source_environment FROM odc_catalog.migration WHERE status = 'COMPLETED'"
                    + " ORDER BY finished_at DESC NULLS LAST, started_at DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next()
          ? Optional.of(new Completed(rs.getString(1), rs.getString(2)))
          : Optional.empty();
    }
  }

  /** The stage's migrations, newest first. */
  public static List<StoredMigration> list(Connection stage, int limit) throws SQLException {
    List<StoredMigration> migrations = new ArrayList<>();
    try (PreparedStatement ps =
        stage.prepareStatement(
            "SELECT request::text, status, report::text FROM odc_catalog.migration ORDER BY started_at DESC LIMIT ?")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          migrations.add(read(rs));
        }
      }
    }
    return migrations;
  }

  /**
   * A migration of the stage with its report's totals, without the report itself: what a list of
   * migrations needs.
   *
   * @param reported true when the migration's report is stored (it has finished)
   */
  public record Summary(
      String migrationId,
      String sourceEnvironment,
      String status,
      Instant startedAt,
      Instant finishedAt,
      boolean reported,
      int entitiesTotal,
      int entitiesMigrated,
      long rowsWritten,
      int usersMigrated,
      String error) {}

  /** The stage's migrations, newest first, with their report's totals summed in the database. */
  public static List<Summary> summaries(Connection stage, int limit) throws SQLException {
    return summaries(stage, null, limit);
  }

  /** One migration's summary, if the stage has it. */
  public static Optional<Summary> summary(Connection stage, String migrationId)
      throws SQLException {
    return summaries(stage, migrationId, 1).stream().findFirst();
  }

  private static List<Summary> summaries(Connection stage, String migrationId, int limit)
      throws SQLException {
    List<Summary> summaries = new ArrayList<>();
    try (PreparedStatement ps =
        stage.prepareStatement(
            "SELECT m.migration_id, m.source_environment, m.status, m.started_at, m.finished_at, m.report IS NOT NULL,"
                + " t.total, t.migrated, t.rows_written, coalesce((m.report->>'usersMigrated')::int, 0), m.report->>'error'"
                + " FROM odc_catalog.migration m CROSS JOIN LATERAL (SELECT count(e.value) AS total,"
                + "   count(e.value) FILTER (WHERE e.value->>'status' = 'COMPLETED') AS migrated,"
                + "   coalesce(sum((e.value->>'rowsWritten')::bigint), 0) AS rows_written"
                + "   FROM jsonb_array_elements(coalesce(m.report->'apps', '[]'::jsonb)) a"
                + "   CROSS JOIN jsonb_array_elements(coalesce(a.value->'entities', '[]'::jsonb)) e) t"
                + " WHERE ?::text IS NULL OR m.migration_id = ?"
                + " ORDER BY m.started_at DESC, m.migration_id DESC LIMIT ?")) {
      ps.setString(1, migrationId);
      ps.setString(2, migrationId);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp finished = rs.getTimestamp(5);
          summaries.add(
              new Summary(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getTimestamp(4).toInstant(),
                  finished == null ? null : finished.toInstant(),
                  rs.getBoolean(6),
                  rs.getInt(7),
                  rs.getInt(8),
                  rs.getLong(9),
                  rs.getInt(10),
                  rs.getString(11)));
        }
      }
    }
    return summaries;
  }

  private static StoredMigration read(ResultSet rs) throws SQLException {
    String report = rs.getString(3);
    return new StoredMigration(
        StageJson.read(rs.getString(1), MigrationRequest.class),
        rs.getString(2),
        report == null ? null : StageJson.read(report, MigrationReport.class));
  }
}
