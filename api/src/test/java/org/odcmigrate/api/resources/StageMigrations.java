package org.odcmigrate.api.resources;

import io.temporal.workflow.Workflow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.StageConfig;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.migration.AppProgress;
import org.odcmigrate.migration.DataMigrationWorkflow;
import org.odcmigrate.migration.EntityRef;
import org.odcmigrate.migration.EntityResult;
import org.odcmigrate.migration.Limits;
import org.odcmigrate.migration.LiveControlState;
import org.odcmigrate.migration.LogLine;
import org.odcmigrate.migration.MigrationOptions;
import org.odcmigrate.migration.MigrationProgress;
import org.odcmigrate.migration.MigrationReport;
import org.odcmigrate.migration.MigrationRequest;
import org.odcmigrate.migration.MigrationStatus;
import org.odcmigrate.migration.PauseRequest;
import org.odcmigrate.migration.Phase;
import org.odcmigrate.odc.StageCatalog;
import org.odcmigrate.report.MigrationStore;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The resource tests' stages (embedded PostgreSQL with the catalog) and their stand-in migration
 * workflow.
 */
final class StageMigrations {

  static final EntityRef ORDERS = new EntityRef("sales", "Sales", "Order", "Order");

  private StageMigrations() {}

  /** A fresh stage database with the catalog installed. */
  static StageConfig stage() {
    PGSimpleDataSource database = EmbeddedStage.newDatabase();
    try (Connection connection = database.getConnection()) {
      StageCatalog.install(connection);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new StageConfig(database.getUrl(), "postgres", null, 2, null, false);
  }

  /** Stores the report of a migration that completed with 42 orders. */
  static void storeCompleted(Connections connections, String stage, String id) throws SQLException {
    MigrationRequest request =
        new MigrationRequest(id, "O11", stage, false, false, MigrationOptions.defaults());
    Instant started = Instant.parse("2026-01-01T10:00:00Z");
    MigrationReport report =
        new MigrationReport(
            request,
            MigrationStatus.COMPLETED,
            started,
            started.plusSeconds(30),
            3,
            List.of(
                new AppProgress(
                    "sales",
                    "Sales",
                    MigrationStatus.COMPLETED,
                    List.of(
                        new EntityResult(ORDERS, EntityResult.Status.COMPLETED, 42, 42, 0, null)),
                    null)),
            List.of(
                new LogLine(started, LogLine.Level.INFO, "planned"),
                new LogLine(started, LogLine.Level.INFO, "done")),
            null);
    try (Connection connection = connections.stage(stage).getConnection()) {
      MigrationStore.saveReport(connection, report);
    }
  }

  /**
   * Stands in for the migration workflow (the API only starts, queries and signals it): copying
   * Orders, 7 of 42 rows, until cancelled.
   */
  public static class CopyingUntilCancelled implements DataMigrationWorkflow {
    private MigrationRequest request;
    private String cancelled;
    private LiveControlState control =
        new LiveControlState(0, false, null, null, null, new Limits(4, 4, 0), null);

    @Override
    public MigrationReport migrate(MigrationRequest request) {
      this.request = request;
      Workflow.await(() -> cancelled != null);
      return null;
    }

    @Override
    public void cancel(String reason) {
      cancelled = reason;
    }

    @Override
    public void pause(PauseRequest pause) {
      control =
          new LiveControlState(
              control.revision() + 1,
              true,
              Instant.ofEpochMilli(Workflow.currentTimeMillis()),
              pause.by(),
              pause.reason(),
              control.limits(),
              request.startAt());
    }

    @Override
    public void resume(String by) {
      control =
          new LiveControlState(
              control.revision() + 1, false, null, null, null, control.limits(), request.startAt());
    }

    @Override
    public Limits setLimits(Limits limits) {
      Limits now = control.limits();
      Limits next =
          new Limits(
              limits.parallelApps() != null ? limits.parallelApps() : now.parallelApps(),
              limits.parallelEntities() != null
                  ? limits.parallelEntities()
                  : now.parallelEntities(),
              limits.maxRowsPerSecond() != null
                  ? limits.maxRowsPerSecond()
                  : now.maxRowsPerSecond());
      control =
          new LiveControlState(
              control.revision() + 1,
              control.paused(),
              control.pausedSince(),
              control.pausedBy(),
              control.pauseReason(),
              next,
              request.startAt());
      return next;
    }

    @Override
    public void validateLimits(Limits limits) {
      if (!limits.problems().isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", limits.problems()));
      }
    }

    @Override
    public MigrationProgress progress() {
      return new MigrationProgress(
          request == null ? null : request.migrationId(),
          "O11",
          null,
          Phase.APP_DATA,
          control.paused() ? MigrationStatus.PAUSED : MigrationStatus.RUNNING,
          null,
          null,
          1,
          0,
          7,
          3,
          List.of(
              new AppProgress(
                  "sales",
                  "Sales",
                  MigrationStatus.COMPLETED,
                  List.of(new EntityResult(ORDERS, EntityResult.Status.COPYING, 42, 7, 0, null)),
                  null)),
          List.of(),
          null,
          control);
    }
  }
}
