package org.odcmigrate.migration;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Keeps migrations and their reports in the stage, so they outlive Temporal's retention. */
@ActivityInterface
public interface ReportActivities {

  @ActivityMethod(name = "RecordMigrationStart")
  void recordStart(MigrationRequest request);

  @ActivityMethod(name = "SaveMigrationReport")
  void saveReport(MigrationReport report);
}
