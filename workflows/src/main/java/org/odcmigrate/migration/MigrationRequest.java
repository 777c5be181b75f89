package org.odcmigrate.migration;

import java.time.Instant;

/**
 * What a user asked for: move the data of one O11 environment into one ODC stage.
 *
 * @param migrationId our id of this data migration; survives Temporal resets (checkpoints use it)
 * @param stopEnvironment stop the O11 environment for the run (true) or keep it running
 * @param undeployApps undeploy the stage's apps for the run (true) or keep them deployed
 * @param skipInvalidUsers leave out end users whose email cannot be an ODC login (reported as
 *     skipped; references to them become NULL) instead of refusing to start
 * @param skipEndUsers do not transfer end users at all (non-production stages only); references to
 *     users not yet in the stage become NULL
 * @param incrementalFrom the earlier completed migration of this environment whose key ranges are
 *     kept where neither O11 nor the stage changed them since; null copies everything
 * @param startAt when to start; null or a past instant starts at once
 */
public record MigrationRequest(
    String migrationId,
    String sourceEnvironment,
    String targetStage,
    boolean stopEnvironment,
    boolean undeployApps,
    boolean skipInvalidUsers,
    boolean skipEndUsers,
    MigrationOptions options,
    String incrementalFrom,
    Instant startAt) {

  /** A request that copies everything and starts at once. */
  public MigrationRequest(
      String migrationId,
      String sourceEnvironment,
      String targetStage,
      boolean stopEnvironment,
      boolean undeployApps,
      boolean skipInvalidUsers,
      boolean skipEndUsers,
      MigrationOptions options) {
    this(
        migrationId,
        sourceEnvironment,
        targetStage,
        stopEnvironment,
        undeployApps,
        skipInvalidUsers,
        skipEndUsers,
        options,
        null,
        null);
  }

  /** A request that transfers every end user and refuses invalid emails. */
  public MigrationRequest(
      String migrationId,
      String sourceEnvironment,
      String targetStage,
      boolean stopEnvironment,
      boolean undeployApps,
      MigrationOptions options) {
    this(
        migrationId,
        sourceEnvironment,
        targetStage,
        stopEnvironment,
        undeployApps,
        false,
        false,
        options);
  }
}
