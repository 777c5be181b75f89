package org.odcmigrate.api.core;

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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
import org.odcmigrate.migration.AppDataMigrationWorkflow;
import org.odcmigrate.migration.AppProgress;
import org.odcmigrate.migration.DataMigrationWorkflow;
import org.odcmigrate.migration.MigrationProgress;
import org.odcmigrate.migration.MigrationRequest;
import org.odcmigrate.migration.MigrationStatus;
import org.odcmigrate.report.MigrationStore;

/**
 * Starts migrations in Temporal and finds them again: the running one of a stage through its
 * workflow's query, finished ones through the report kept in the stage.
 */
public class MigrationService {

  static final String MEMO_MIGRATION_ID = "migrationId";
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final WorkflowClient client;
  private final TemporalConfig temporal;
  private final Connections connections;
  private final MigrationDefaults defaults;
  private final Clock clock;

  public MigrationService(WorkflowClient client, TemporalConfig temporal, Connections connections,
      MigrationDefaults defaults, Clock clock) {
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
    String id = ID_TIME.format(now) + "-" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    MigrationRequest request = new MigrationRequest(id, body.sourceEnvironment(), body.targetStage(),
        body.stopEnvironment(), body.undeployApps(), body.skipInvalidUsers(), body.skipEndUsers(), defaults.toOptions());
    DataMigrationWorkflow workflow = client.newWorkflowStub(DataMigrationWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(DataMigrationWorkflow.workflowId(body.targetStage()))
        .setTaskQueue(temporal.taskQueue())
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        .setMemo(Map.of(MEMO_MIGRATION_ID, id))
        .setStaticSummary("Data migration **" + id + "**: O11 environment **" + body.sourceEnvironment()
            + "** to ODC stage **" + body.targetStage() + "** (environment "
            + (body.stopEnvironment() ? "stopped" : "kept running") + ", apps "
            + (body.undeployApps() ? "undeployed" : "kept deployed") + ")")
        .build());
    try {
      WorkflowClient.start(workflow::migrate, request);
    } catch (WorkflowExecutionAlreadyStarted e) {
      String running = runningMigrationId(body.targetStage()).orElse(null);
      throw new ProblemException(new Problem("/problems/migration-running", "Conflict", 409,
          "stage " + body.targetStage() + " already has a running data migration" + (running == null ? "" : " (" + running + ")")
              + ": wait for it to finish or cancel it", running));
    }
    return new MigrationView(id, body.sourceEnvironment(), body.targetStage(), MigrationStatus.RUNNING, null,
        now, null, 0, 0, 0, 0, 0, List.of(), List.of(), null);
  }

  /** The migration with this id, live while it runs, from its stored report afterwards. */
  public MigrationView get(String id) {
    for (String stage : connections.stages().keySet()) {
      Optional<WorkflowExecutionDescription> current = describe(stage);
      if (current.isPresent() && id.equals(current.get().getMemo(MEMO_MIGRATION_ID, String.class))) {
        WorkflowExecutionDescription description = current.get();
        if (description.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
          return live(stage, description);
        }
        Optional<MigrationView> stored = stored(stage, id);
        if (stored.isPresent()) {
          return stored.get();
        }
        return closedWithoutReport(stage, id, description);
      }
      Optional<MigrationView> stored = stored(stage, id);
      if (stored.isPresent()) {
        return stored.get();
      }
    }
    throw new ProblemException(Response.Status.NOT_FOUND, "migration-not-found",
        "no data migration has the id '" + id + "' in any configured stage");
  }

  private MigrationView live(String stage, WorkflowExecutionDescription description) {
    DataMigrationWorkflow workflow = client.newWorkflowStub(
        DataMigrationWorkflow.class, description.getExecution().getWorkflowId(), Optional.of(description.getExecution().getRunId()));
    MigrationProgress progress = workflow.progress();
    List<AppProgress> apps = new ArrayList<>();
    for (AppProgress app : progress.apps()) {
      apps.add(app.status() == MigrationStatus.RUNNING ? childProgress(stage, app) : app);
    }
    MigrationProgress merged = new MigrationProgress(progress.migrationId(), progress.sourceEnvironment(),
        progress.targetStage(), progress.phase(), progress.status(), progress.startedAt(), progress.finishedAt(),
        progress.entitiesTotal(), apps.stream().mapToInt(AppProgress::entitiesMigrated).sum(),
        apps.stream().mapToLong(AppProgress::rowsWritten).sum(), progress.usersMigrated(), apps, progress.log(),
        progress.error());
    return MigrationView.of(merged, clock.instant());
  }

  /** A running app's entities as its child workflow sees them. */
  private AppProgress childProgress(String stage, AppProgress app) {
    try {
      AppProgress child = client.newWorkflowStub(AppDataMigrationWorkflow.class,
          AppDataMigrationWorkflow.workflowId(stage, app.appName())).progress();
      return child.appKey() == null ? app : child;
    } catch (RuntimeException e) {
      return app; // not started yet, or between attempts: the parent's view is still true
    }
  }

  private MigrationView closedWithoutReport(String stage, String id, WorkflowExecutionDescription description) {
    String reason = switch (description.getStatus()) {
      case WORKFLOW_EXECUTION_STATUS_TERMINATED -> "the workflow was terminated in Temporal";
      case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> "the workflow timed out in Temporal";
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> "the workflow was cancelled in Temporal";
      default -> "the workflow closed as " + description.getStatus() + " without a report";
    };
    MigrationStatus status = description.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED
        ? MigrationStatus.CANCELLED : MigrationStatus.FAILED;
    return new MigrationView(id, null, stage, status, null, description.getStartTime(), description.getCloseTime(),
        description.getExecutionDuration() == null ? 0 : description.getExecutionDuration().toSeconds(),
        0, 0, 0, 0, List.of(), List.of(), reason);
  }

  private Optional<MigrationView> stored(String stage, String id) {
    try (Connection connection = connections.stage(stage).getConnection()) {
      return MigrationStore.find(connection, id)
          .filter(m -> m.report() != null)
          .map(m -> MigrationView.of(m.report()));
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState())) {
        return Optional.empty(); // the stage has no catalog yet: nothing ran there
      }
      throw new ProblemException(Response.Status.SERVICE_UNAVAILABLE, "stage-unavailable",
          "stage " + stage + " cannot be read: " + e.getMessage());
    }
  }

  private Optional<String> runningMigrationId(String stage) {
    return describe(stage)
        .filter(d -> d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
        .map(d -> (String) d.getMemo(MEMO_MIGRATION_ID, String.class));
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
