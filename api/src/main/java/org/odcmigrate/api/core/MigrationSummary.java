package org.odcmigrate.api.core;

import java.time.Instant;
import org.odcmigrate.migration.MigrationStatus;
import org.odcmigrate.migration.Phase;

/** A data migration in a list: status, times and totals, without apps and log. */
public record MigrationSummary(
    String id,
    String sourceEnvironment,
    String targetStage,
    MigrationStatus status,
    Phase phase,
    Instant startedAt,
    Instant finishedAt,
    long elapsedSeconds,
    int entitiesTotal,
    int entitiesMigrated,
    long rowsWritten,
    int usersMigrated,
    String error) {

  static MigrationSummary of(MigrationView v) {
    return new MigrationSummary(
        v.id(),
        v.sourceEnvironment(),
        v.targetStage(),
        v.status(),
        v.phase(),
        v.startedAt(),
        v.finishedAt(),
        v.elapsedSeconds(),
        v.entitiesTotal(),
        v.entitiesMigrated(),
        v.rowsWritten(),
        v.usersMigrated(),
        v.error());
  }
}
