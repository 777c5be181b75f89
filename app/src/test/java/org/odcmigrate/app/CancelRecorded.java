package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.odcmigrate.migration.DataMigrationWorkflow;

/**
 * Waits until Temporal has recorded a migration's cancel everywhere it applies: every app workflow
 * still open has its cancel request, and every activity still open its own.
 *
 * <p>Tests that hold a stage lock while they cancel release it only then. Released earlier, the
 * held-up activities complete in the very moment their cancel is sent, and Temporal's test server
 * (not a real cluster) then loses the workflow (sdk-java#2391): the test would test that fault, not
 * the product.
 */
final class CancelRecorded {

  private CancelRecorded() {}

  static void await(String temporalTarget, String stage) throws InterruptedException {
    withClient(
        temporalTarget,
        (client, deadline) -> {
          while (!recorded(client, DataMigrationWorkflow.workflowId(stage))) {
            assertThat(System.nanoTime())
                .as("Temporal to record the cancel of migration on " + stage)
                .isLessThan(deadline);
            Thread.sleep(50);
          }
        });
  }

  /** A wait through a Temporal client, until a deadline. */
  @FunctionalInterface
  private interface ClientWait {
    void run(WorkflowClient client, long deadline) throws InterruptedException;
  }

  /** Runs {@code wait} with a client of its own, closed after, and a deadline a minute away. */
  private static void withClient(String temporalTarget, ClientWait wait)
      throws InterruptedException {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget).build());
    try {
      wait.run(
          WorkflowClient.newInstance(service),
          System.nanoTime() + Duration.ofSeconds(60).toNanos());
    } finally {
      service.shutdownNow();
    }
  }

  /**
   * Before a cancel: waits until every app of the migration has started and each has only started
   * activities that stay pending (held up by the test's lock), the migration itself none. A cancel
   * then reaches no activity in the moment it completes, which the test server mishandles as above
   * (an app without foreign keys drops none and goes on at once, for example).
   */
  static void awaitHeldUp(String temporalTarget, String stage, int apps)
      throws InterruptedException {
    withClient(
        temporalTarget,
        (client, deadline) -> {
          Map<String, Set<String>> before = Map.of();
          while (true) {
            Map<String, Set<String>> now = heldUp(client, DataMigrationWorkflow.workflowId(stage));
            if (now != null && now.size() == apps + 1 && now.equals(before)) {
              return;
            }
            assertThat(System.nanoTime())
                .as("every app of the migration on " + stage + " to be held up")
                .isLessThan(deadline);
            before = now == null ? Map.of() : now;
            Thread.sleep(500);
          }
        });
  }

  /**
   * The started activities pending in the migration and each app workflow it started, by workflow;
   * null while any activity is not started yet, or an app has none pending.
   */
  private static Map<String, Set<String>> heldUp(WorkflowClient client, String migrationId) {
    Map<String, Set<String>> started = new TreeMap<>();
    List<String> workflows = new ArrayList<>(List.of(migrationId));
    for (HistoryEvent event : client.fetchHistory(migrationId).getEvents()) {
      if (event.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED) {
        workflows.add(
            event.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId());
      }
    }
    for (String workflow : workflows) {
      List<PendingActivityInfo> pending =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflow))
                      .build())
              .getPendingActivitiesList();
      boolean app = !workflow.equals(migrationId);
      if ((app && pending.isEmpty())
          || (!app && !pending.isEmpty())
          || pending.stream()
              .anyMatch(a -> a.getState() != PendingActivityState.PENDING_ACTIVITY_STATE_STARTED)) {
        return null;
      }
      Set<String> ids = new HashSet<>();
      pending.forEach(a -> ids.add(a.getActivityId()));
      started.put(workflow, ids);
    }
    return started;
  }

  private static boolean recorded(WorkflowClient client, String migrationWorkflowId) {
    List<HistoryEvent> migration = client.fetchHistory(migrationWorkflowId).getEvents();
    if (closed(migration)) {
      return true;
    }
    List<String> apps = new ArrayList<>();
    for (HistoryEvent event : migration) {
      if (event.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED) {
        apps.add(event.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId());
      }
    }
    if (apps.isEmpty() || !activitiesCancelRequested(migration)) {
      return false;
    }
    for (String app : apps) {
      List<HistoryEvent> events = client.fetchHistory(app).getEvents();
      boolean cancelRequested =
          events.stream()
              .anyMatch(
                  e ->
                      e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED);
      if (!closed(events) && !(cancelRequested && activitiesCancelRequested(events))) {
        return false;
      }
    }
    return true;
  }

  /** True when every activity scheduled in this history has ended or has its cancel recorded. */
  private static boolean activitiesCancelRequested(List<HistoryEvent> events) {
    Set<Long> open = new HashSet<>();
    for (HistoryEvent event : events) {
      switch (event.getEventType()) {
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> open.add(event.getEventId());
        case EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED ->
            open.remove(
                event.getActivityTaskCancelRequestedEventAttributes().getScheduledEventId());
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
            open.remove(event.getActivityTaskCompletedEventAttributes().getScheduledEventId());
        case EVENT_TYPE_ACTIVITY_TASK_FAILED ->
            open.remove(event.getActivityTaskFailedEventAttributes().getScheduledEventId());
        case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ->
            open.remove(event.getActivityTaskTimedOutEventAttributes().getScheduledEventId());
        case EVENT_TYPE_ACTIVITY_TASK_CANCELED ->
            open.remove(event.getActivityTaskCanceledEventAttributes().getScheduledEventId());
        default -> {}
      }
    }
    return open.isEmpty();
  }

  private static boolean closed(List<HistoryEvent> events) {
    return switch (events.get(events.size() - 1).getEventType()) {
      case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
          EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
          EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
          EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
          EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
          EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW ->
          true;
      default -> false;
    };
  }
}
