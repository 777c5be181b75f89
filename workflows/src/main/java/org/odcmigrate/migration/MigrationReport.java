package org.odcmigrate.migration;

import java.time.Instant;
import java.util.List;

/** The outcome of a migration, returned by the workflow and persisted in the stage. */
public record MigrationReport(
    MigrationRequest request,
    MigrationStatus status,
    Instant startedAt,
    Instant finishedAt,
    int usersMigrated,
    List<AppProgress> apps,
    List<LogLine> log,
    String error) {

  public long rowsWritten() {
    return apps.stream().mapToLong(AppProgress::rowsWritten).sum();
  }
}
