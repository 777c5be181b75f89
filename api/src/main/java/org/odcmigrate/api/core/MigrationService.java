package org.odcmigrate.api.core;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.odcmigrate.api.problem.Problem;
import org.odcmigrate.api.problem.ProblemException;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.MigrationDefaults;
import org.odcmigrate.config.TemporalConfig;
import org.odcmigrate.copy.CheckpointStore;
import org.odcmigrate.migration.AppDataMigrationWorkflow;
import org.odcmigrate.migration.AppProgress;
import org.odcmigrate.migration.DataMigrationWorkflow;
import org.odcmigrate.migration.EntityResult;
import org.odcmigrate.migration.MigrationProgress;
import org.odcmigrate.migration.MigrationRequest;
import org.odcmigrate.migration.MigrationStatus;
import org.odcmigrate.migration.Phase;
import org.odcmigrate.report.MigrationStore;

/**
 * Starts migrations in Temporal and finds them again: the running one of a stage through its
 * workflow's query, finished ones through the report kept in the stage.
 */
public class MigrationService {

  static final String MEMO_MIGRATION_ID = "migrationId";
  private static final String UNDEFINED_TABLE = "42P01";
  private static final Duration CLOSING_WAIT = Duration.ofSeconds(10);
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final WorkflowClient client;
  private final TemporalConfig temporal;
  private final Connections connections;
  private final MigrationDefaults defaults;
  private final Clock clock;

  public MigrationService(
      WorkflowClient client,
      TemporalConfig temporal,
      Connections connections,
      MigrationDefaults defaults,
      Clock clock) {
    this.client = client;
    this.temporal = temporal;
    this.connections = connections;
    this.defaults = defaults;
    this.clock = clock;
  }

  /** Starts a migration; 409 with the running one's id when the stage already has one. */
  public MigrationView start(StartMigration body) {
    connections.environment(body.sourceEnvironment());
    connections.stage(body.targetStage());
    Instant now = clock.instant();
    String id =
        ID_TIME.format(now)
            + "-"
            + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    MigrationRequest request =
        new MigrationRequest(
            id,
            body.sourceEnvironment(),
            body.targetStage(),
            body.stopEnvironment(),
            body.undeployApps(),
            body.skipInvalidUsers(),
            body.skipEndUsers(),
            defaults.toOptions());
    try {
      startWorkflow(body, request);
    } catch (WorkflowExecutionAlreadyStarted e) {
      if (!awaitFinishedWorkflowClosing(body.targetStage())) {
        throw running(body.targetStage());
      }
      try {
        startWorkflow(body, request);
      } catch (WorkflowExecutionAlreadyStarted again) {
        throw running(body.targetStage());
      }
    }
    return new MigrationView(
        id,
        body.sourceEnvironment(),
        body.targetStage(),
        MigrationStatus.RUNNING,
        null,
        now,
        null,
        0,
        0,
        0,
        0,
        0,
        List.of(),
        List.of(),
        null);
  }

  private void startWorkflow(StartMigration body, MigrationRequest request) {
    String id = request.migrationId();
    DataMigrationWorkflow workflow =
        client.newWorkflowStub(
            DataMigrationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(DataMigrationWorkflow.workflowId(body.targetStage()))
                .setTaskQueue(temporal.taskQueue())
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                .setMemo(Map.of(MEMO_MIGRATION_ID, id))
                .setStaticSummary(
                    "Data migration **"
                        + id
                        + "**: O11 environment **"
                        + body.sourceEnvironment()
                        + "** to ODC stage **"
                        + body.targetStage()
                        + "** (environment "
                        + (body.stopEnvironment() ? "stopped" : "kept running")
                        + ", apps "
                        + (body.undeployApps() ? "undeployed" : "kept deployed")
                        + ")")
                .build());
    WorkflowClient.start(workflow::migrate, request);
  }

  private ProblemException running(String stage) {
    String running = runningMigrationId(stage).orElse(null);
    return new ProblemException(
        new Problem(
            "/problems/migration-running",
            "Conflict",
            409,
            "stage "
                + stage
                + " already has a running data migration"
                + (running == null ? "" : " (" + running + ")")
                + ": wait for it to finish or cancel it",
            running));
  }

  /**
   * A workflow whose migration has already finished (its progress says so and its report is
   * written) still runs for a moment until Temporal closes it. A user who saw COMPLETED and starts
   * the next migration at once must not get "already running": wait for that close, briefly.
   */
  private boolean awaitFinishedWorkflowClosing(String stage) {
    long deadline = System.nanoTime() + CLOSING_WAIT.toNanos();
    while (true) {
      Optional<WorkflowExecutionDescription> current = describe(stage);
      if (current.isEmpty() || !isRunning(current.get())) {
        return true;
      }
      MigrationStatus status;
      try {
        WorkflowExecution execution = current.get().getExecution();
        status =
            client
                .newWorkflowStub(
                    DataMigrationWorkflow.class,
                    execution.getWorkflowId(),
                    Optional.of(execution.getRunId()))
                .progress()
                .status();
      } catch (RuntimeException e) {
        return false; // cannot tell: the conflict stands
      }
      if (!status.isFinal() || System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** The migration with this id, live while it runs, from its stored report afterwards. */
  public MigrationView get(String id) {
    for (String stage : stageNames()) {
      Optional<WorkflowExecutionDescription> current = describe(stage);
      boolean isCurrent = current.isPresent() && id.equals(memoId(current.get()));
      if (isCurrent && isRunning(current.get())) {
        return live(stage, current.get());
      }
      Optional<MigrationView> stored = stored(stage, id, isCurrent ? current.get() : null);
      if (stored.isPresent()) {
        return stored.get();
      }
      if (isCurrent) {
        return closedWithoutReport(stage, id, null, current.get());
      }
    }
    throw new ProblemException(
        Response.Status.NOT_FOUND,
        "migration-not-found",
        "no data migration has the id '" + id + "' in any configured stage");
  }

  /**
   * The migrations of every configured stage, newest first: stored ones with their reports' totals,
   * the running one of each stage live.
   */
  public List<MigrationSummary> list(int limit, int offset) {
    List<MigrationSummary> all = new ArrayList<>();
    for (String stage : stageNames()) {
      Optional<WorkflowExecutionDescription> current = describe(stage);
      String currentId = current.map(MigrationService::memoId).orElse(null);
      boolean running = current.isPresent() && isRunning(current.get());
      boolean currentListed = false;
      for (MigrationStore.Summary stored : summaries(stage, limit + offset)) {
        boolean isCurrent = stored.migrationId().equals(currentId);
        currentListed |= isCurrent;
        if (stored.reported()) {
          all.add(summary(stage, stored));
        } else if (isCurrent && running) {
          all.add(MigrationSummary.of(live(stage, current.get())));
        } else {
          all.add(
              MigrationSummary.of(
                  closedWithoutReport(
                      stage, stored.migrationId(), stored, isCurrent ? current.get() : null)));
        }
      }
      // Started but not recorded in the stage yet, or stopped in Temporal before it could be.
      if (current.isPresent() && currentId != null && !currentListed) {
        all.add(
            MigrationSummary.of(
                running
                    ? live(stage, current.get())
                    : closedWithoutReport(stage, currentId, null, current.get())));
      }
    }
    return all.stream()
        .sorted(
            Comparator.comparing(
                    MigrationSummary::startedAt,
                    Comparator.nullsFirst(Comparator.<Instant>reverseOrder()))
                .thenComparing(
                    MigrationSummary::id, Comparator.nullsFirst(Comparator.<String>reverseOrder())))
        .skip(offset)
        .limit(limit)
        .toList();
  }

  /** How many configured stages run a migration now (one Temporal call per stage). */
  public int running() {
    return (int)
        stageNames().stream()
            .filter(stage -> describe(stage).filter(MigrationService::isRunning).isPresent())
            .count();
  }

  /**
   * Log lines numbered above {@code after}: the workflow's recent lines while it runs, its report's
   * afterwards.
   */
  public MigrationLog logs(String id, int after) {
    return MigrationLog.after(get(id), after);
  }

  /** Every app's entities with their row counts. */
  public MigrationEntities entities(String id) {
    return MigrationEntities.of(get(id));
  }

  /** Signals {@code cancel(reason)} to the migration's workflow; 409 when it is not running. */
  public CancelAccepted cancel(String id, String reason) {
    for (String stage : stageNames()) {
      Optional<WorkflowExecutionDescription> current = describe(stage);
      if (current.isPresent() && id.equals(memoId(current.get())) && isRunning(current.get())) {
        WorkflowExecution execution = current.get().getExecution();
        DataMigrationWorkflow workflow =
            client.newWorkflowStub(
                DataMigrationWorkflow.class,
                execution.getWorkflowId(),
                Optional.of(execution.getRunId()));
        try {
          MigrationStatus status = workflow.progress().status();
          if (status.isFinal()) {
            throw notRunning(
                id, status); // finished, its workflow only closing: nothing left to cancel
          }
          workflow.cancel(reason);
        } catch (WorkflowNotFoundException e) {
          break; // it closed meanwhile: answer with what it became
        }
        return new CancelAccepted(id, stage, reason);
      }
    }
    throw notRunning(id, get(id).status());
  }

  private static ProblemException notRunning(String id, MigrationStatus status) {
    return new ProblemException(
        new Problem(
            "/problems/migration-not-running",
            "Conflict",
            409,
            "migration "
                + id
                + " is "
                + status
                + ", not running: only a running migration can be cancelled",
            id));
  }

  private MigrationView live(String stage, WorkflowExecutionDescription description) {
    DataMigrationWorkflow workflow =
        client.newWorkflowStub(
            DataMigrationWorkflow.class,
            description.getExecution().getWorkflowId(),
            Optional.of(description.getExecution().getRunId()));
    MigrationProgress progress = workflow.progress();
    String id = progress.migrationId() != null ? progress.migrationId() : memoId(description);
    List<AppProgress> apps = new ArrayList<>();
    for (AppProgress app : progress.apps()) {
      apps.add(app.status() == MigrationStatus.RUNNING ? childProgress(stage, app) : app);
    }
    apps = withCommittedRows(stage, id, apps);
    MigrationProgress merged =
        new MigrationProgress(
            id,
            progress.sourceEnvironment(),
            stage,
            progress.phase(),
            progress.status(),
            progress.startedAt() != null ? progress.startedAt() : description.getStartTime(),
            progress.finishedAt(),
            progress.entitiesTotal(),
            apps.stream().mapToInt(AppProgress::entitiesMigrated).sum(),
            apps.stream().mapToLong(AppProgress::rowsWritten).sum(),
            progress.usersMigrated(),
            apps,
            progress.log(),
            progress.error());
    return MigrationView.of(merged, clock.instant());
  }

  /** A running app's entities as its child workflow sees them. */
  private AppProgress childProgress(String stage, AppProgress app) {
    try {
      AppProgress child =
          client
              .newWorkflowStub(
                  AppDataMigrationWorkflow.class,
                  AppDataMigrationWorkflow.workflowId(stage, app.appName()))
              .progress();
      return child.appKey() == null ? app : child;
    } catch (RuntimeException e) {
      return app; // not started yet, or between attempts: the parent's view is still true
    }
  }

  /**
   * Entities being copied show the rows their checkpoints have committed so far, so that a client
   * sees rows grow between two entities' completions.
   */
  private List<AppProgress> withCommittedRows(String stage, String id, List<AppProgress> apps) {
    boolean copying =
        apps.stream()
            .flatMap(a -> a.entities().stream())
            .anyMatch(e -> e.status() == EntityResult.Status.COPYING);
    if (!copying) {
      return apps;
    }
    Map<String, CheckpointStore.Committed> committed;
    try (Connection connection = connections.stage(stage).getConnection()) {
      committed = CheckpointStore.committed(connection, id);
    } catch (SQLException e) {
      return apps; // the counts are a nicety: the workflow's own view stays true without them
    }
    List<AppProgress> merged = new ArrayList<>();
    for (AppProgress app : apps) {
      List<EntityResult> entities =
          app.entities().stream()
              .map(
                  e -> {
                    CheckpointStore.Committed c =
                        committed.get(
                            CheckpointStore.key(e.entity().appKey(), e.entity().entityKey()));
                    return e.status() != EntityResult.Status.COPYING || c == null
                        ? e
                        : new EntityResult(
                            e.entity(),
                            e.status(),
                            e.sourceRows(),
                            c.rowsWritten(),
                            c.nulledReferences(),
                            e.detail());
                  })
              .toList();
      merged.add(new AppProgress(app.appKey(), app.appName(), app.status(), entities, app.error()));
    }
    return merged;
  }

  /**
   * A migration that has stopped without writing its report: its workflow was terminated, timed out
   * or cancelled in Temporal, or Temporal no longer knows it. Never shown as RUNNING.
   */
  private MigrationView closedWithoutReport(
      String stage,
      String id,
      MigrationStore.Summary stored,
      WorkflowExecutionDescription description) {
    String reason =
        description == null
            ? "the workflow is no longer running in Temporal and left no report (terminated, or removed after the"
                + " namespace's retention period)"
            : switch (description.getStatus()) {
              case WORKFLOW_EXECUTION_STATUS_TERMINATED ->
                  "the workflow was terminated in Temporal";
              case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> "the workflow timed out in Temporal";
              case WORKFLOW_EXECUTION_STATUS_CANCELED -> "the workflow was cancelled in Temporal";
              default -> "the workflow closed as " + description.getStatus() + " without a report";
            };
    MigrationStatus status =
        description != null
                && description.getStatus()
                    == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED
            ? MigrationStatus.CANCELLED
            : MigrationStatus.FAILED;
    Instant started = stored != null ? stored.startedAt() : description.getStartTime();
    Instant closed = description != null ? description.getCloseTime() : null;
    long elapsed =
        started == null || closed == null ? 0 : Duration.between(started, closed).toSeconds();
    return new MigrationView(
        id,
        stored == null ? null : stored.sourceEnvironment(),
        stage,
        status,
        Phase.FINISHED,
        started,
        closed,
        Math.max(0, elapsed),
        0,
        0,
        0,
        0,
        List.of(),
        List.of(),
        reason);
  }

  private static MigrationSummary summary(String stage, MigrationStore.Summary s) {
    long elapsed =
        s.finishedAt() == null ? 0 : Duration.between(s.startedAt(), s.finishedAt()).toSeconds();
    return new MigrationSummary(
        s.migrationId(),
        s.sourceEnvironment(),
        stage,
        MigrationStatus.valueOf(s.status()),
        Phase.FINISHED,
        s.startedAt(),
        s.finishedAt(),
        elapsed,
        s.entitiesTotal(),
        s.entitiesMigrated(),
        s.rowsWritten(),
        s.usersMigrated(),
        s.error());
  }

  /** The stored report, or the stored row of a migration that closed without one. */
  private Optional<MigrationView> stored(
      String stage, String id, WorkflowExecutionDescription current) {
    try (Connection connection = connections.stage(stage).getConnection()) {
      Optional<MigrationStore.StoredMigration> stored = MigrationStore.find(connection, id);
      if (stored.isEmpty()) {
        return Optional.empty();
      }
      if (stored.get().report() != null) {
        return Optional.of(MigrationView.of(stored.get().report()));
      }
      return Optional.of(
          closedWithoutReport(
              stage, id, MigrationStore.summary(connection, id).orElse(null), current));
    } catch (SQLException e) {
      if (UNDEFINED_TABLE.equals(e.getSQLState())) {
        return Optional.empty(); // the stage has no catalog yet: nothing ran there
      }
      throw stageUnavailable(stage, e);
    }
  }

  private List<MigrationStore.Summary> summaries(String stage, int limit) {
    try (Connection connection = connections.stage(stage).getConnection()) {
      return MigrationStore.summaries(connection, limit);
    } catch (SQLException e) {
      if (UNDEFINED_TABLE.equals(e.getSQLState())) {
        return List.of();
      }
      throw stageUnavailable(stage, e);
    }
  }

  private static ProblemException stageUnavailable(String stage, SQLException e) {
    return new ProblemException(
        Response.Status.SERVICE_UNAVAILABLE,
        "stage-unavailable",
        "stage " + stage + " cannot be read: " + e.getMessage());
  }

  private List<String> stageNames() {
    return connections.stages().keySet().stream().sorted().toList();
  }

  private static String memoId(WorkflowExecutionDescription description) {
    return (String) description.getMemo(MEMO_MIGRATION_ID, String.class);
  }

  private static boolean isRunning(WorkflowExecutionDescription description) {
    return description.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  private Optional<String> runningMigrationId(String stage) {
    return describe(stage).filter(MigrationService::isRunning).map(MigrationService::memoId);
  }

  private Optional<WorkflowExecutionDescription> describe(String stage) {
    try {
      WorkflowStub stub = client.newUntypedWorkflowStub(DataMigrationWorkflow.workflowId(stage));
      return Optional.of(stub.describe());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
