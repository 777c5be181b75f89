package org.odcmigrate.migration;

import java.time.Instant;
import java.util.List;

/**
 * The answer of the {@code progress} query: where a migration stands now.
 *
 * @param log the most recent log lines, oldest first
 * @param control the pause, the limits in force and the scheduled start
 */
public record MigrationProgress(
    String migrationId,
    String sourceEnvironment,
    String targetStage,
    Phase phase,
    MigrationStatus status,
    Instant startedAt,
    Instant finishedAt,
    int entitiesTotal,
    int entitiesMigrated,
    long rowsWritten,
    int usersMigrated,
    List<AppProgress> apps,
    List<LogLine> log,
    String error,
    LiveControlState control) {}
