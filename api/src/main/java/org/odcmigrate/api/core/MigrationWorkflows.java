package org.odcmigrate.api.core;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.odcmigrate.config.Connections;
import org.odcmigrate.migration.DataMigrationWorkflow;
import org.odcmigrate.migration.ProgressMemo;

/**
 * The lookups every part of the core shares: a stage's current migration workflow through
 * Temporal's describe (answered by the server, no worker needed), its progress query with a
 * deadline (answered only by a worker), and the stage's database.
 */
public class MigrationWorkflows {

  static final String MEMO_MIGRATION_ID = "migrationId";
  private static final String UNDEFINED_TABLE = "42P01";

  private final WorkflowClient client;
  private final Connections connections;

  public MigrationWorkflows(WorkflowClient client, Connections connections) {
    this.client = client;
    this.connections = connections;
  }

  WorkflowClient client() {
    return client;
  }

  List<String> stageNames() {
    return connections.stages().keySet().stream().sorted().toList();
  }

  /** The stage's current (or last) migration workflow, if Temporal knows one. */
  Optional<WorkflowExecutionDescription> describe(String stage) {
    return describeWorkflow(DataMigrationWorkflow.workflowId(stage));
  }

  /** The current (or last) run of the workflow with this id, if Temporal knows one. */
  Optional<WorkflowExecutionDescription> describeWorkflow(String workflowId) {
    try {
      return Optional.of(client.newUntypedWorkflowStub(workflowId).describe());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  static String memoId(WorkflowExecutionDescription description) {
    return (String) description.getMemo(MEMO_MIGRATION_ID, String.class);
  }

  /**
   * The progress the workflow last kept in its memo ({@link ProgressMemo}), empty for runs started
   * before it kept one.
   */
  static <T> Optional<T> keptProgress(WorkflowExecutionDescription description, Class<T> type) {
    try {
      return Optional.ofNullable(type.cast(description.getMemo(ProgressMemo.KEY, type)));
    } catch (RuntimeException e) {
      return Optional.empty(); // unreadable: the other sources still answer
    }
  }

  static boolean isRunning(WorkflowExecutionDescription description) {
    return description.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  /**
   * The workflow's {@code progress} query, or empty when no worker answered within {@code
   * deadline}: Temporal holds a query until a worker takes it, so without a deadline a read would
   * hang for as long as every worker is down.
   */
  <T> Optional<T> query(String workflowId, String runId, Class<T> type, Duration deadline) {
    WorkflowExecution.Builder execution = WorkflowExecution.newBuilder().setWorkflowId(workflowId);
    if (runId != null) {
      execution.setRunId(runId);
    }
    QueryWorkflowRequest request =
        QueryWorkflowRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(execution)
            .setQuery(WorkflowQuery.newBuilder().setQueryType("progress"))
            .build();
    QueryWorkflowResponse response;
    try {
      response =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
              .queryWorkflow(request);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
        return Optional.empty();
      }
      throw e;
    }
    if (response.hasQueryRejected() || !response.hasQueryResult()) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        client
            .getOptions()
            .getDataConverter()
            .fromPayloads(0, Optional.of(response.getQueryResult()), type, type));
  }

  /** Reads the stage; empty when it has no catalog yet (nothing ever ran there). */
  <T> Optional<T> readStage(String stage, StageRead<T> read) {
    try (Connection connection = connections.stage(stage).getConnection()) {
      return Optional.ofNullable(read.apply(connection));
    } catch (SQLException e) {
      if (UNDEFINED_TABLE.equals(e.getSQLState())) {
        return Optional.empty();
      }
      throw new StageUnavailableException(stage, e);
    }
  }

  /** One read of a stage's database. */
  @FunctionalInterface
  interface StageRead<T> {
    T apply(Connection stage) throws SQLException;
  }
}
