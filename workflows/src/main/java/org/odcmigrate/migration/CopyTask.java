package org.odcmigrate.migration;

/**
 * Names one entity copy for the copy activities; the activities read its plan from the stage.
 *
 * @param sourceFrozen the O11 environment is stopped, so source and stage must end up equal
 */
public record CopyTask(
    String migrationId,
    String environment,
    String stage,
    EntityRef entity,
    int batchSize,
    long splitRows,
    boolean sourceFrozen) {

  public static CopyTask of(MigrationRequest request, EntityRef entity) {
    return new CopyTask(
        request.migrationId(),
        request.sourceEnvironment(),
        request.targetStage(),
        entity,
        request.options().batchSize(),
        request.options().splitRows(),
        request.stopEnvironment());
  }
}
