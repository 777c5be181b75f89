package org.odcmigrate.migration;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An in-memory Temporal service (time skipping) with both workflows and the fake activities on one
 * worker.
 */
final class MigrationHarness implements AutoCloseable {

  static final String TASK_QUEUE = "data-migration-test";
  private static final long RESULT_WAIT_SECONDS = 90;

  final CallLog calls = new CallLog();
  final FakePlanningActivities planning = new FakePlanningActivities(calls);
  final FakeCopyActivities copy = new FakeCopyActivities(calls);
  final FakeAppSchemaActivities schema = new FakeAppSchemaActivities(calls);
  final FakeReportActivities reports = new FakeReportActivities(calls);
  final FakeUserActivities users = new FakeUserActivities(calls);
  final FakeControlActivities control = new FakeControlActivities(calls);
  // A fixed identity keeps recorded histories free of the recording machine's pid and host name.
  private final TestWorkflowEnvironment env =
      TestWorkflowEnvironment.newInstance(
          TestEnvironmentOptions.newBuilder()
              .setWorkflowClientOptions(
                  WorkflowClientOptions.newBuilder().setIdentity("odc-migrate-test").build())
              .build());

  MigrationHarness() {
    Worker worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        DataMigrationWorkflowImpl.class, AppDataMigrationWorkflowImpl.class);
    worker.registerActivitiesImplementations(planning, copy, schema, reports, users, control);
    env.start();
  }

  /** Starts the migration and returns at once; the stub also signals and queries it. */
  DataMigrationWorkflow start(MigrationRequest request) {
    DataMigrationWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                DataMigrationWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(DataMigrationWorkflow.workflowId(request.targetStage()))
                    .setTaskQueue(TASK_QUEUE)
                    .build());
    WorkflowClient.start(workflow::migrate, request);
    return workflow;
  }

  /** Waits for the migration's result, letting the test service skip time meanwhile. */
  static MigrationReport result(DataMigrationWorkflow workflow) {
    try {
      // Real time: a workflow stuck on a bug fails its test instead of hanging the build.
      return WorkflowStub.fromTyped(workflow)
          .getResult(RESULT_WAIT_SECONDS, TimeUnit.SECONDS, MigrationReport.class);
    } catch (TimeoutException e) {
      throw new AssertionError(
          "the migration did not finish within " + RESULT_WAIT_SECONDS + " s", e);
    }
  }

  MigrationReport migrate(MigrationRequest request) {
    return result(start(request));
  }

  /** The progress the workflow with this id keeps in its memo, read as the API reads it. */
  <T> T keptProgress(String workflowId, Class<T> type) {
    return type.cast(
        env.getWorkflowClient()
            .newUntypedWorkflowStub(workflowId)
            .describe()
            .getMemo(ProgressMemo.KEY, type));
  }

  /** The test service's clock, which time skipping moves on. */
  java.time.Instant now() {
    return java.time.Instant.ofEpochMilli(env.currentTimeMillis());
  }

  /** Moves the test service's clock on by {@code time}, as a long real wait would. */
  void skip(java.time.Duration time) {
    env.sleep(time);
  }

  /**
   * Waits until the migration's progress satisfies {@code condition}; failing beats hanging the
   * build.
   */
  static MigrationProgress awaitProgress(
      DataMigrationWorkflow workflow, java.util.function.Predicate<MigrationProgress> condition) {
    long deadline = System.currentTimeMillis() + RESULT_WAIT_SECONDS * 1_000;
    while (true) {
      MigrationProgress progress = workflow.progress();
      if (condition.test(progress)) {
        return progress;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the migration never reached the expected state: " + progress);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  WorkflowExecutionHistory history(String workflowId) {
    return env.getWorkflowClient().fetchHistory(workflowId);
  }

  @Override
  public void close() {
    // Blocked fakes would otherwise hold the worker's shutdown.
    planning.release();
    users.release();
    copy.release();
    schema.releaseDrops();
    env.close();
  }
}
