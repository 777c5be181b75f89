package org.odcmigrate.report;

import java.sql.Connection;
import org.odcmigrate.config.Connections;
import org.odcmigrate.failure.ActivityRunner;
import org.odcmigrate.migration.MigrationReport;
import org.odcmigrate.migration.MigrationRequest;
import org.odcmigrate.migration.ReportActivities;
import org.odcmigrate.odc.StageCatalog;

/** Records migrations and their reports in the target stage. */
public class ReportActivitiesImpl implements ReportActivities {

  private final Connections connections;

  public ReportActivitiesImpl(Connections connections) {
    this.connections = connections;
  }

  @Override
  public void recordStart(MigrationRequest request) {
    ActivityRunner.call(
        () -> {
          try (Connection stage = connections.stage(request.targetStage()).getConnection()) {
            StageCatalog.install(stage);
            MigrationStore.recordStart(stage, request);
          }
          return null;
        });
  }

  @Override
  public void saveReport(MigrationReport report) {
    ActivityRunner.call(
        () -> {
          try (Connection stage =
              connections.stage(report.request().targetStage()).getConnection()) {
            StageCatalog.install(stage);
            MigrationStore.saveReport(stage, report);
          }
          return null;
        });
  }
}
