package org.odcmigrate.migration;

/**
 * Names one entity copy for the copy activities; the activities read its plan from the stage.
 *
 * @param sourceFrozen the O11 environment is stopped, so source and stage must end up equal
 * @param incrementalFrom the earlier migration whose unchanged key ranges are kept, or null
 */
public record CopyTask(
    String migrationId,
    String environment,
    String stage,
    EntityRef entity,
    int batchSize,
    long splitRows,
    boolean sourceFrozen,
    String incrementalFrom) {

  public CopyTask(
      String migrationId,
      String environment,
      String stage,
      EntityRef entity,
      int batchSize,
      long splitRows,
      boolean sourceFrozen) {
    this(migrationId, environment, stage, entity, batchSize, splitRows, sourceFrozen, null);
  }

  public static CopyTask of(MigrationRequest request, EntityRef entity) {
    return new CopyTask(
        request.migrationId(),
        request.sourceEnvironment(),
        request.targetStage(),
        entity,
        request.options().batchSize(),
        request.options().splitRows(),
        request.stopEnvironment(),
        request.incrementalFrom());
  }
}
