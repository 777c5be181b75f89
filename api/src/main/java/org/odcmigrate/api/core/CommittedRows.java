package org.odcmigrate.api.core;

import io.temporal.client.WorkflowExecutionDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.odcmigrate.copy.CheckpointStore;
import org.odcmigrate.migration.AppProgress;
import org.odcmigrate.migration.EntityResult;
import org.odcmigrate.migration.MigrationProgress;

/**
 * A running migration's progress with the rows its copy checkpoints have committed in the stage,
 * which run ahead of what the workflow last reported.
 */
final class CommittedRows {

  private final MigrationWorkflows workflows;

  CommittedRows(MigrationWorkflows workflows) {
    this.workflows = workflows;
  }

  /**
   * Entities being copied show the rows their checkpoints have committed so far, so that a client
   * sees rows grow between two entities' completions, with or without a worker.
   */
  MigrationProgress merged(
      String stage,
      String memoId,
      MigrationProgress progress,
      WorkflowExecutionDescription description,
      boolean live) {
    String id = progress.migrationId() != null ? progress.migrationId() : memoId;
    Map<String, CheckpointStore.Committed> committed = committed(stage, id, progress.apps(), live);
    List<AppProgress> apps = new ArrayList<>();
    for (AppProgress app : progress.apps()) {
      List<EntityResult> entities =
          app.entities().stream()
              .map(
                  e -> {
                    CheckpointStore.Committed c =
                        committed.get(
                            CheckpointStore.key(e.entity().appKey(), e.entity().entityKey()));
                    // Without a worker, the memo may not list an entity as copying yet.
                    boolean copying =
                        e.status() == EntityResult.Status.COPYING
                            || (!live && e.status() == EntityResult.Status.PENDING);
                    return !copying || c == null
                        ? e
                        : new EntityResult(
                            e.entity(),
                            EntityResult.Status.COPYING,
                            e.sourceRows(),
                            c.rowsWritten(),
                            c.nulledReferences(),
                            e.detail());
                  })
              .toList();
      apps.add(new AppProgress(app.appKey(), app.appName(), app.status(), entities, app.error()));
    }
    // A large plan's memo lists only some entities: its totals are then the larger figures.
    long rows =
        apps.isEmpty()
            ? committed.values().stream().mapToLong(CheckpointStore.Committed::rowsWritten).sum()
            : Math.max(
                progress.rowsWritten(), apps.stream().mapToLong(AppProgress::rowsWritten).sum());
    return new MigrationProgress(
        id,
        progress.sourceEnvironment(),
        stage,
        progress.phase(),
        progress.status(),
        progress.startedAt() != null ? progress.startedAt() : description.getStartTime(),
        progress.finishedAt(),
        progress.entitiesTotal(),
        Math.max(
            progress.entitiesMigrated(),
            apps.stream().mapToInt(AppProgress::entitiesMigrated).sum()),
        rows,
        progress.usersMigrated(),
        apps,
        progress.log(),
        progress.error(),
        progress.control());
  }

  private Map<String, CheckpointStore.Committed> committed(
      String stage, String id, List<AppProgress> apps, boolean live) {
    boolean copying =
        apps.stream()
            .flatMap(a -> a.entities().stream())
            .anyMatch(e -> e.status() == EntityResult.Status.COPYING);
    if (live && !copying) {
      return Map.of();
    }
    try {
      return workflows.readStage(stage, c -> CheckpointStore.committed(c, id)).orElse(Map.of());
    } catch (StageUnavailableException e) {
      return Map.of(); // the counts are a nicety: the workflow's own view stays true without them
    }
  }
}
