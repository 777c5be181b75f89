package org.odcmigrate.api.core;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.MigrationDefaults;
import org.odcmigrate.config.TemporalConfig;
import org.odcmigrate.migration.DataMigrationWorkflow;
import org.odcmigrate.migration.Limits;
import org.odcmigrate.migration.LiveControlState;
import org.odcmigrate.migration.MigrationOptions;
import org.odcmigrate.migration.MigrationRequest;
import org.odcmigrate.migration.MigrationStatus;
import org.odcmigrate.plan.IncrementalBase;

/** Starts a stage's migration in Temporal, and cancels it. */
public class MigrationStarter {

  private static final Duration CLOSING_WAIT = Duration.ofSeconds(10);
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final MigrationWorkflows workflows;
  private final LiveProgress live;
  private final MigrationFinder finder;
  private final TemporalConfig temporal;
  private final Connections connections;
  private final MigrationDefaults defaults;
  private final Clock clock;

  public MigrationStarter(
      MigrationWorkflows workflows,
      LiveProgress live,
      MigrationFinder finder,
      TemporalConfig temporal,
      Connections connections,
      MigrationDefaults defaults,
      Clock clock) {
    this.workflows = workflows;
    this.live = live;
    this.finder = finder;
    this.temporal = temporal;
    this.connections = connections;
    this.defaults = defaults;
    this.clock = clock;
  }

  /** Starts a migration; a conflict naming the running one when the stage already has one. */
  public MigrationView start(StartMigration body) {
    Instant startAt = body.startTime().orElse(null);
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
            defaults.toOptions(),
            body.incremental() ? incrementalBase(body) : null,
            startAt);
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
    boolean scheduled = startAt != null && startAt.isAfter(now);
    MigrationOptions options = request.options();
    return new MigrationView(
        id,
        body.sourceEnvironment(),
        body.targetStage(),
        scheduled ? MigrationStatus.SCHEDULED : MigrationStatus.RUNNING,
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
        null,
        true,
        null,
        new LiveControlState(
            0,
            false,
            null,
            null,
            null,
            new Limits(options.parallelApps(), options.parallelEntities(), 0),
            startAt));
  }

  /** The migration an incremental run builds on; refused, naming the reason, when there is none. */
  private String incrementalBase(StartMigration body) {
    try (Connection source = connections.source(body.sourceEnvironment()).getConnection();
        Connection stage = connections.stage(body.targetStage()).getConnection()) {
      source.setReadOnly(true);
      return IncrementalBase.find(source, stage, body.sourceEnvironment());
    } catch (IncrementalBase.RefusedException e) {
      throw new IncrementalRefusedException(e.getMessage());
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(
          "environment " + body.sourceEnvironment() + " or stage " + body.targetStage(), e);
    }
  }

  /**
   * Signals {@code cancel(reason)} to the migration's workflow; a conflict when it is not running.
   */
  public CancelAccepted cancel(String id, String reason) {
    Optional<LiveProgress.RunningMigration> running = live.running(id);
    if (running.isPresent()) {
      if (running.get().finished()) {
        // finished, its workflow only closing: nothing left to cancel
        throw notRunning(id, running.get().status().get());
      }
      WorkflowExecution execution = running.get().execution();
      try {
        // A signal needs no worker: Temporal keeps it until one takes the workflow up again.
        workflows
            .client()
            .newUntypedWorkflowStub(
                execution.getWorkflowId(), Optional.of(execution.getRunId()), Optional.empty())
            .signal("cancel", reason);
        return new CancelAccepted(id, running.get().stage(), reason);
      } catch (WorkflowNotFoundException e) {
        // it closed meanwhile: answer with what it became
      }
    }
    throw notRunning(id, finder.get(id).status());
  }

  private void startWorkflow(StartMigration body, MigrationRequest request) {
    String id = request.migrationId();
    DataMigrationWorkflow workflow =
        workflows
            .client()
            .newWorkflowStub(
                DataMigrationWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(DataMigrationWorkflow.workflowId(body.targetStage()))
                    .setTaskQueue(temporal.taskQueue())
                    .setWorkflowIdReusePolicy(
                        WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                    .setWorkflowIdConflictPolicy(
                        WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                    .setMemo(Map.of(MigrationWorkflows.MEMO_MIGRATION_ID, id))
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
                            + (request.incrementalFrom() == null
                                ? ""
                                : ", only what changed since " + request.incrementalFrom())
                            + ")"
                            + (request.startAt() == null ? "" : ", starts at " + request.startAt()))
                    .build());
    WorkflowClient.start(workflow::migrate, request);
  }

  private MigrationConflictException running(String stage) {
    String running =
        workflows
            .describe(stage)
            .filter(MigrationWorkflows::isRunning)
            .map(MigrationWorkflows::memoId)
            .orElse(null);
    return new MigrationConflictException(
        MigrationConflictException.Kind.RUNNING,
        running,
        "stage "
            + stage
            + " already has a running data migration"
            + (running == null ? "" : " (" + running + ")")
            + ": wait for it to finish or cancel it");
  }

  private static MigrationConflictException notRunning(String id, MigrationStatus status) {
    return new MigrationConflictException(
        MigrationConflictException.Kind.NOT_RUNNING,
        id,
        "migration "
            + id
            + " is "
            + status
            + ", not running: only a running migration can be cancelled");
  }

  /**
   * A workflow whose migration has already finished (its progress says so and its report is
   * written) still runs for a moment until Temporal closes it. A user who saw COMPLETED and starts
   * the next migration at once must not get "already running": wait for that close, briefly.
   */
  private boolean awaitFinishedWorkflowClosing(String stage) {
    long deadline = System.nanoTime() + CLOSING_WAIT.toNanos();
    while (true) {
      Optional<WorkflowExecutionDescription> current = workflows.describe(stage);
      if (current.isEmpty() || !MigrationWorkflows.isRunning(current.get())) {
        return true;
      }
      WorkflowExecution execution = current.get().getExecution();
      Optional<MigrationStatus> status;
      try {
        status = live.status(execution.getWorkflowId(), execution.getRunId());
      } catch (RuntimeException e) {
        return false; // cannot tell: the conflict stands
      }
      if (status.isEmpty() || !status.get().isFinal() || System.nanoTime() > deadline) {
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
}
