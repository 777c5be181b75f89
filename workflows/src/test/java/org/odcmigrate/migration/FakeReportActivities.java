package org.odcmigrate.migration;

import java.util.ArrayList;
import java.util.List;

/** Keeps the saved reports in memory. */
final class FakeReportActivities implements ReportActivities {

  private final CallLog calls;
  private final List<MigrationReport> saved = new ArrayList<>();

  FakeReportActivities(CallLog calls) {
    this.calls = calls;
  }

  @Override
  public void recordStart(MigrationRequest request) {
    calls.add("RecordMigrationStart " + request.migrationId());
  }

  @Override
  public void saveReport(MigrationReport report) {
    calls.add("SaveMigrationReport " + report.status());
    synchronized (saved) {
      saved.add(report);
    }
  }

  List<MigrationReport> saved() {
    synchronized (saved) {
      return List.copyOf(saved);
    }
  }
}
