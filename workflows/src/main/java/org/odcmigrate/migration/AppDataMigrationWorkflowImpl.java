package org.odcmigrate.migration;

import static org.odcmigrate.migration.EntityResult.Status.COPYING;

import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies one app: drop its foreign keys, copy its entities a few at a time (each entity in one or
 * more key ranges), then re-create and validate the foreign keys. An app of many entities goes on
 * in a new run every {@link #ENTITIES_PER_RUN} entities, so its history stays small.
 */
public class AppDataMigrationWorkflowImpl implements AppDataMigrationWorkflow {

  /** The change id of copying small entities in one activity, so earlier histories replay. */
  static final String SMALL_ENTITY_IN_ONE_STEP = "small-entity-in-one-step";

  /** The change id of copying small entities a group per activity. */
  static final String SMALL_ENTITIES_IN_GROUPS = "small-entities-in-groups";

  /** About 15 history events per entity: a run stays far below Temporal's history limits. */
  static final int ENTITIES_PER_RUN = 400;

  private final Map<String, EntityResult> entities = new LinkedHashMap<>();
  private AppPlan app;
  private MigrationStatus status = MigrationStatus.PENDING;
  private String error;
  private ProgressMemo memo;
  private LiveControl control;
  private LiveControlState controlBeforeStart;

  @Override
  public AppProgress migrateApp(AppMigrationInput input) {
    memo = ProgressMemo.forThisRun();
    MigrationRequest request = input.request();
    app = input.app();
    app.entities().forEach(e -> entities.put(e.entityKey(), pending(e)));
    input.done().forEach(e -> entities.put(e.entity().entityKey(), e));
    status = MigrationStatus.RUNNING;
    control =
        new LiveControl(
            input.control() != null
                ? input.control()
                : LiveControlState.initial(request.options(), null));
    if (controlBeforeStart != null) {
      control.apply(controlBeforeStart);
    }

    AppSchemaActivities schema =
        Workflow.newActivityStub(
            AppSchemaActivities.class, StepOptions.tableStep(request.options()));
    CopyActivities copy =
        Workflow.newActivityStub(CopyActivities.class, StepOptions.copyStep(request.options()));

    if (input.done().isEmpty()) {
      schema.dropForeignKeys(request.migrationId(), request.targetStage(), app.appKey());
    }
    List<EntityRef> remaining =
        app.entities().stream()
            .filter(e -> entities.get(e.entityKey()).status() == EntityResult.Status.PENDING)
            .toList();
    List<EntityRef> thisRun = remaining.subList(0, Math.min(ENTITIES_PER_RUN, remaining.size()));
    if (Workflow.getVersion(SMALL_ENTITIES_IN_GROUPS, Workflow.DEFAULT_VERSION, 1) == 1) {
      new EntityGroups(thisRun, control, group -> copyGroup(copy, request, group))
          .run()
          .forEach(e -> entities.put(e.entityKey(), withStatus(e, EntityResult.Status.CANCELLED)));
    } else {
      BoundedFanOut.map(
          thisRun,
          control,
          () -> control.limits().parallelEntities(),
          entity -> Async.function(() -> copyEntity(copy, CopyTask.of(request, entity))));
    }

    if (CancellationScope.current().isCancelRequested()) {
      status = MigrationStatus.CANCELLED;
      throw new CanceledFailure("copy of app " + app.appName() + " cancelled");
    }
    if (thisRun.size() < remaining.size()) {
      List<EntityResult> done =
          entities.values().stream()
              .filter(e -> e.status() != EntityResult.Status.PENDING)
              .toList();
      Workflow.continueAsNew(new AppMigrationInput(request, app, done, control.state()));
    }
    boolean allCopied =
        entities.values().stream().allMatch(e -> e.status() == EntityResult.Status.COMPLETED);
    // The keys come back either way: a failed app must not be left without those its data
    // satisfies.
    String keysLeftDropped = null;
    try {
      schema.restoreForeignKeys(request.migrationId(), request.targetStage(), app.appKey());
    } catch (RuntimeException e) {
      if (allCopied) {
        throw e;
      }
      keysLeftDropped =
          "; its foreign keys stay dropped until a migration completes: " + Failures.userMessage(e);
    }
    if (allCopied) {
      status = MigrationStatus.COMPLETED;
    } else {
      status = MigrationStatus.FAILED;
      error =
          "entities failed: " + failedEntities() + (keysLeftDropped == null ? "" : keysLeftDropped);
    }
    return new AppProgress(
        app.appKey(), app.appName(), status, List.copyOf(entities.values()), error);
  }

  /**
   * Copies a group of entities in one activity as far as it goes: each entity it completed is done,
   * one it prepared into several key ranges or could not copy goes on alone, and those it did not
   * reach are handed back to {@code groups}.
   */
  private void copyGroup(CopyActivities copy, MigrationRequest request, EntityGroups.Group group) {
    List<CopyTask> tasks = group.entities().stream().map(e -> CopyTask.of(request, e)).toList();
    tasks.forEach(t -> entities.put(t.entity().entityKey(), withStatus(t.entity(), COPYING)));
    List<EntityStart> starts;
    try {
      starts = copy.copySmallEntities(tasks);
    } catch (RuntimeException e) {
      if (Failures.isCancellation(e)) {
        done(
            tasks.stream()
                .map(t -> withStatus(t.entity(), EntityResult.Status.CANCELLED))
                .toList());
        return;
      }
      // Each entity then goes on alone, where its own failure is reported.
      for (CopyTask task : tasks) {
        copyEntity(copy, task);
      }
      return;
    }
    List<EntityRef> notReached = group.entities().subList(starts.size(), tasks.size());
    notReached.forEach(e -> entities.put(e.entityKey(), pending(e)));
    group.handBack(notReached);
    done(starts.stream().map(EntityStart::result).filter(r -> r != null).toList());
    for (int i = 0; i < starts.size(); i++) {
      EntityStart start = starts.get(i);
      if (start.result() == null) {
        // Prepared into several ranges or handed back for a pause (ranges known), or not copied.
        copyEntity(copy, tasks.get(i), start.ranges());
      }
    }
  }

  private EntityResult copyEntity(CopyActivities copy, CopyTask task) {
    return copyEntity(copy, task, null);
  }

  /** Copies one entity alone, from its prepared {@code ranges} when they are known. */
  private EntityResult copyEntity(CopyActivities copy, CopyTask task, List<KeyRange> prepared) {
    EntityRef entity = task.entity();
    entities.put(entity.entityKey(), withStatus(entity, COPYING));
    EntityResult result = null;
    try {
      List<KeyRange> ranges = prepared;
      if (ranges == null) {
        if (Workflow.getVersion(SMALL_ENTITY_IN_ONE_STEP, Workflow.DEFAULT_VERSION, 1) == 1) {
          EntityStart start = copy.copySmallEntity(task);
          ranges = start.ranges();
          result = start.result();
        } else {
          ranges = copy.prepareEntity(task);
        }
      }
      if (result == null) {
        control.awaitRunning();
        copyRanges(copy, task, ranges);
        result = copy.verifyEntity(task);
      }
    } catch (RuntimeException e) {
      if (Failures.isCancellation(e)) {
        result = withStatus(entity, EntityResult.Status.CANCELLED);
      } else {
        result = EntityResult.failed(entity, Failures.userMessage(e));
      }
    }
    return done(result);
  }

  private EntityResult done(EntityResult result) {
    done(List.of(result));
    return result;
  }

  /**
   * Records entities' results and keeps the progress memo: at once after a failure or when no
   * entity is being copied.
   */
  private void done(List<EntityResult> results) {
    if (results.isEmpty()) {
      return;
    }
    results.forEach(r -> entities.put(r.entity().entityKey(), r));
    memo.keep(
        progress(),
        results.stream().anyMatch(r -> r.status() != EntityResult.Status.COMPLETED)
            || entities.values().stream()
                .noneMatch(e -> e.status() == EntityResult.Status.COPYING));
  }

  /**
   * Copies the ranges; those handed back for a pause are copied on from their checkpoints after the
   * resume.
   */
  private void copyRanges(CopyActivities copy, CopyTask task, List<KeyRange> ranges) {
    List<KeyRange> left = ranges;
    while (!left.isEmpty()) {
      List<Promise<RangeResult>> copies = new ArrayList<>();
      for (KeyRange range : left) {
        copies.add(Async.function(copy::copyRange, task, range));
      }
      Promise.allOf(copies).get();
      List<KeyRange> handedBack = new ArrayList<>();
      for (int i = 0; i < left.size(); i++) {
        if (copies.get(i).get().handedBack()) {
          handedBack.add(left.get(i));
        }
      }
      left = handedBack;
      if (!left.isEmpty()) {
        control.awaitPauseThenRunning();
      }
    }
  }

  private String failedEntities() {
    return entities.values().stream()
        .filter(e -> e.status() != EntityResult.Status.COMPLETED)
        .map(e -> e.entity().entityName() + (e.detail() == null ? "" : " (" + e.detail() + ")"))
        .reduce((a, b) -> a + "; " + b)
        .orElse("");
  }

  private static EntityResult pending(EntityRef entity) {
    return withStatus(entity, EntityResult.Status.PENDING);
  }

  private static EntityResult withStatus(EntityRef entity, EntityResult.Status status) {
    return new EntityResult(entity, status, 0, 0, 0, null);
  }

  @Override
  public void control(LiveControlState state) {
    if (control == null) {
      if (controlBeforeStart == null || state.revision() > controlBeforeStart.revision()) {
        controlBeforeStart = state;
      }
    } else {
      control.apply(state);
    }
  }

  @Override
  public AppProgress progress() {
    if (app == null) {
      return new AppProgress(null, null, status, List.of(), null);
    }
    return new AppProgress(
        app.appKey(), app.appName(), status, List.copyOf(entities.values()), error);
  }
}
