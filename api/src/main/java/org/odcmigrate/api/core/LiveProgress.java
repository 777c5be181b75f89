package org.odcmigrate.api.core;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowExecutionDescription;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.odcmigrate.migration.AppDataMigrationWorkflow;
import org.odcmigrate.migration.AppProgress;
import org.odcmigrate.migration.MigrationProgress;
import org.odcmigrate.migration.MigrationStatus;
import org.odcmigrate.report.MigrationStore;

/**
 * A running migration as the API shows it: the workflow's own progress when a worker answers its
 * query; otherwise, at once, the progress the workflow keeps in its memo, the rows its checkpoints
 * have committed and the workflow's state from Temporal's describe, marked not live with the
 * reason.
 */
public class LiveProgress {

  /** Within the API's 2 s answer bound, with room for describe and the stage read. */
  static final Duration QUERY_DEADLINE = Duration.ofMillis(1200);

  private static final ExecutorService KEPT_READS =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "kept-progress-read");
            thread.setDaemon(true);
            return thread;
          });

  private final MigrationWorkflows workflows;
  private final WorkerPresence presence;
  private final Clock clock;
  private final CommittedRows committedRows;
  private final Map<String, MigrationProgress> lastSeen = new ConcurrentHashMap<>();

  public LiveProgress(MigrationWorkflows workflows, WorkerPresence presence, Clock clock) {
    this.workflows = workflows;
    this.committedRows = new CommittedRows(workflows);
    this.presence = presence;
    this.clock = clock;
  }

  /** The running migration of {@code stage}, whose workflow {@code description} describes. */
  MigrationView of(String stage, WorkflowExecutionDescription description) {
    String memoId = MigrationWorkflows.memoId(description);
    Optional<String> absent = presence.absence();
    if (absent.isPresent()) {
      return notLive(stage, memoId, description, kept(stage, memoId, description), absent.get());
    }
    // Read while the query waits: a read no worker answers then costs the query's deadline only.
    CompletableFuture<MigrationProgress> kept =
        CompletableFuture.supplyAsync(() -> kept(stage, memoId, description), KEPT_READS);
    Optional<MigrationProgress> answered =
        workflows.query(
            description.getExecution().getWorkflowId(),
            description.getExecution().getRunId(),
            MigrationProgress.class,
            QUERY_DEADLINE);
    if (answered.isEmpty()) {
      String reason = presence.unanswered();
      try {
        return notLive(stage, memoId, description, kept.join(), reason);
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
    }
    kept.cancel(false);
    presence.answered();
    MigrationProgress progress = answered.get();
    List<AppProgress> apps = new ArrayList<>();
    for (AppProgress app : progress.apps()) {
      apps.add(app.status() == MigrationStatus.RUNNING ? childProgress(stage, app) : app);
    }
    MigrationProgress withChildren =
        new MigrationProgress(
            progress.migrationId(),
            progress.sourceEnvironment(),
            progress.targetStage(),
            progress.phase(),
            progress.status(),
            progress.startedAt(),
            progress.finishedAt(),
            progress.entitiesTotal(),
            progress.entitiesMigrated(),
            progress.rowsWritten(),
            progress.usersMigrated(),
            apps,
            progress.log(),
            progress.error(),
            progress.control());
    lastSeen.put(stage, withChildren);
    return MigrationView.of(
        committedRows.merged(stage, memoId, withChildren, description, true), clock.instant());
  }

  /**
   * The last progress without a worker: the one the workflow keeps in its memo (the same for every
   * API process, and after a restart), with its running apps' own memos; else the last one this
   * process saw; else what the stage knows.
   */
  private MigrationProgress kept(
      String stage, String memoId, WorkflowExecutionDescription description) {
    Optional<MigrationProgress> memo =
        MigrationWorkflows.keptProgress(description, MigrationProgress.class)
            .filter(p -> memoId != null && memoId.equals(p.migrationId()));
    if (memo.isPresent()) {
      MigrationProgress p = memo.get();
      List<AppProgress> apps =
          p.apps().stream()
              .map(a -> a.status() == MigrationStatus.RUNNING ? keptChild(stage, a) : a)
              .toList();
      return new MigrationProgress(
          p.migrationId(),
          p.sourceEnvironment(),
          p.targetStage(),
          p.phase(),
          p.status(),
          p.startedAt(),
          p.finishedAt(),
          p.entitiesTotal(),
          p.entitiesMigrated(),
          p.rowsWritten(),
          p.usersMigrated(),
          apps,
          p.log(),
          p.error(),
          p.control());
    }
    MigrationProgress last = lastSeen.get(stage);
    return last != null && last.migrationId() != null && last.migrationId().equals(memoId)
        ? last
        : fromStage(stage, memoId, description);
  }

  /** A running app's entities as its child workflow last kept them in its memo. */
  private AppProgress keptChild(String stage, AppProgress app) {
    try {
      return workflows
          .describeWorkflow(AppDataMigrationWorkflow.workflowId(stage, app.appName()))
          .flatMap(d -> MigrationWorkflows.keptProgress(d, AppProgress.class))
          .filter(child -> app.appKey().equals(child.appKey()))
          .orElse(app);
    } catch (RuntimeException e) {
      return app; // the parent's view is still true, only less detailed
    }
  }

  private MigrationView notLive(
      String stage,
      String memoId,
      WorkflowExecutionDescription description,
      MigrationProgress kept,
      String reason) {
    return MigrationView.of(
            committedRows.merged(stage, memoId, kept, description, false), clock.instant())
        .notLive(reason);
  }

  /**
   * The migration with this id if its workflow runs, with its status as the workflow reports it
   * (empty when no worker answers).
   */
  Optional<RunningMigration> running(String id) {
    for (String stage : workflows.stageNames()) {
      Optional<WorkflowExecutionDescription> current = workflows.describe(stage);
      if (current.isPresent()
          && id.equals(MigrationWorkflows.memoId(current.get()))
          && MigrationWorkflows.isRunning(current.get())) {
        WorkflowExecution execution = current.get().getExecution();
        return Optional.of(
            new RunningMigration(
                stage, execution, status(execution.getWorkflowId(), execution.getRunId())));
      }
    }
    return Optional.empty();
  }

  /** A migration whose workflow runs: where, which execution, and its status if a worker said. */
  record RunningMigration(
      String stage, WorkflowExecution execution, Optional<MigrationStatus> status) {

    /** Finished, its workflow only closing. */
    boolean finished() {
      return status.isPresent() && status.get().isFinal();
    }
  }

  /** The migration's status as the workflow last reported it; empty when no worker answers. */
  Optional<MigrationStatus> status(String workflowId, String runId) {
    return workflows
        .query(workflowId, runId, MigrationProgress.class, QUERY_DEADLINE)
        .map(MigrationProgress::status);
  }

  /** A running app's entities as its child workflow sees them. */
  private AppProgress childProgress(String stage, AppProgress app) {
    try {
      return workflows
          .query(
              AppDataMigrationWorkflow.workflowId(stage, app.appName()),
              null,
              AppProgress.class,
              QUERY_DEADLINE)
          .filter(child -> child.appKey() != null)
          .orElse(app);
    } catch (RuntimeException e) {
      return app; // not started yet, or between attempts: the parent's view is still true
    }
  }

  /** What the stage itself knows of a migration the API has not seen live: its start record. */
  private MigrationProgress fromStage(
      String stage, String id, WorkflowExecutionDescription description) {
    String source =
        workflows
            .readStage(stage, c -> MigrationStore.summary(c, id).orElse(null))
            .map(MigrationStore.Summary::sourceEnvironment)
            .orElse(null);
    return new MigrationProgress(
        id,
        source,
        stage,
        null,
        MigrationStatus.RUNNING,
        description.getStartTime(),
        null,
        0,
        0,
        0,
        0,
        List.of(),
        List.of(),
        null,
        null);
  }
}
