package org.odcmigrate.api.core;

import java.time.Instant;
import org.odcmigrate.migration.MigrationStatus;
import org.odcmigrate.migration.Phase;

/**
 * A data migration in a list: status, times and totals, without apps and log.
 *
 * @param live false when no worker answered, so the figures are the last ones kept
 * @param notLiveReason why the figures are not live; null when live
 */
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
    String error,
    boolean live,
    String notLiveReason) {

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
        v.error(),
        v.live(),
        v.notLiveReason());
  }
}
