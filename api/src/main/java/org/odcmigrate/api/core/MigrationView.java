package org.odcmigrate.api.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.odcmigrate.migration.AppProgress;
import org.odcmigrate.migration.LiveControlState;
import org.odcmigrate.migration.LogLine;
import org.odcmigrate.migration.MigrationProgress;
import org.odcmigrate.migration.MigrationReport;
import org.odcmigrate.migration.MigrationStatus;
import org.odcmigrate.migration.Phase;

/**
 * A data migration as the API shows it: status, phase, elapsed time, totals, apps, log.
 *
 * @param live false when no worker answered, so the figures are the last ones kept
 * @param notLiveReason why the figures are not live, and since when; null when live
 * @param control the pause (since when, by whom), the limits in force and the scheduled start; null
 *     when not known (a finished migration)
 */
public record MigrationView(
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
    List<AppProgress> apps,
    List<LogLine> log,
    String error,
    boolean live,
    String notLiveReason,
    LiveControlState control) {

  /** A view that is the whole truth of its migration: finished, or answered by a worker. */
  MigrationView(
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
      List<AppProgress> apps,
      List<LogLine> log,
      String error) {
    this(
        id,
        sourceEnvironment,
        targetStage,
        status,
        phase,
        startedAt,
        finishedAt,
        elapsedSeconds,
        entitiesTotal,
        entitiesMigrated,
        rowsWritten,
        usersMigrated,
        apps,
        log,
        error,
        true,
        null,
        null);
  }

  MigrationView notLive(String reason) {
    return new MigrationView(
        id,
        sourceEnvironment,
        targetStage,
        status,
        phase,
        startedAt,
        finishedAt,
        elapsedSeconds,
        entitiesTotal,
        entitiesMigrated,
        rowsWritten,
        usersMigrated,
        apps,
        log,
        error,
        false,
        reason,
        control);
  }

  static MigrationView of(MigrationProgress p, Instant now) {
    return new MigrationView(
        p.migrationId(),
        p.sourceEnvironment(),
        p.targetStage(),
        p.status(),
        p.phase(),
        p.startedAt(),
        p.finishedAt(),
        elapsed(p.startedAt(), p.finishedAt(), now),
        p.entitiesTotal(),
        p.entitiesMigrated(),
        p.rowsWritten(),
        p.usersMigrated(),
        p.apps(),
        p.log(),
        p.error(),
        true,
        null,
        p.control());
  }

  static MigrationView of(MigrationReport r) {
    List<AppProgress> apps = r.apps();
    return new MigrationView(
        r.request().migrationId(),
        r.request().sourceEnvironment(),
        r.request().targetStage(),
        r.status(),
        Phase.FINISHED,
        r.startedAt(),
        r.finishedAt(),
        elapsed(r.startedAt(), r.finishedAt(), r.finishedAt()),
        apps.stream().mapToInt(a -> a.entities().size()).sum(),
        apps.stream().mapToInt(AppProgress::entitiesMigrated).sum(),
        r.rowsWritten(),
        r.usersMigrated(),
        apps,
        r.log(),
        r.error());
  }

  private static long elapsed(Instant start, Instant end, Instant now) {
    if (start == null) {
      return 0;
    }
    return Duration.between(start, end != null ? end : now).toSeconds();
  }
}
