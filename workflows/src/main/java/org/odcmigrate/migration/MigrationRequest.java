package org.odcmigrate.migration;

/**
 * What a user asked for: move the data of one O11 environment into one ODC stage.
 *
 * @param migrationId our id of this data migration; survives Temporal resets (checkpoints use it)
 * @param stopEnvironment stop the O11 environment for the run (true) or keep it running
 * @param undeployApps undeploy the stage's apps for the run (true) or keep them deployed
 */
public record MigrationRequest(
    String migrationId,
    String sourceEnvironment,
    String targetStage,
    boolean stopEnvironment,
    boolean undeployApps,
    MigrationOptions options) {}
