package org.odcmigrate.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.odcmigrate.model.EntityRef;
import org.odcmigrate.model.KeyRange;

/** A plan of 2,000 entities in one app: every entity migrated, and no history grows past a bound. */
class LargePlanTest {

  private static final int ENTITIES = 2_000;

  @Test
  void twoThousandEntitiesInOneAppKeepEveryRunsHistorySmall() throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("large");
      worker.registerWorkflowImplementationTypes(DataMigrationWorkflowImpl.class, AppDataMigrationWorkflowImpl.class);
      worker.registerActivitiesImplementations(new Planning(), new Copy(), new Schema(), new Users(), new Control(),
          new Reports());
      env.start();

      DataMigrationWorkflow workflow = env.getWorkflowClient().newWorkflowStub(DataMigrationWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(DataMigrationWorkflow.workflowId("big")).setTaskQueue("large").build());
      WorkflowClient.start(workflow::migrate, new MigrationRequest("m-big", "O11", "big", false, false,
          new MigrationOptions(4, 32, 1000, 1_000_000, Duration.ofSeconds(30))));
      MigrationReport report = WorkflowStub.fromTyped(workflow).getResult(5, TimeUnit.MINUTES, MigrationReport.class);

      assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
      assertThat(report.apps()).singleElement().satisfies(app -> {
        assertThat(app.entities()).hasSize(ENTITIES);
        assertThat(app.entities()).allMatch(e -> e.status() == EntityResult.Status.COMPLETED && e.rowsWritten() == 7);
      });

      WorkflowExecutionHistory child = env.getWorkflowClient()
          .fetchHistory(AppDataMigrationWorkflow.workflowId("big", "Big"));
      WorkflowExecutionHistory parent = env.getWorkflowClient().fetchHistory(DataMigrationWorkflow.workflowId("big"));
      // The last of five runs, each of at most 400 entities, and the parent that only sees the child.
      assertThat(child.getEvents().size()).isLessThan(10_000);
      assertThat(parent.getEvents().size()).isLessThan(200);
      assertThat(child.getEvents().get(0).getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
      assertThat(child.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId())
          .as("the child went on as new runs").isNotEmpty();
    }
  }

  static final class Planning implements PlanningActivities {
    @Override
    public MigrationPlan planMigration(MigrationRequest request) {
      List<EntityRef> entities = new ArrayList<>();
      for (int i = 0; i < ENTITIES; i++) {
        entities.add(new EntityRef("big-app", "Big", "e" + i, "Entity" + i));
      }
      return new MigrationPlan(List.of(new AppPlan("big-app", "Big", "big", entities)));
    }
  }

  static final class Copy implements CopyActivities {
    @Override
    public List<KeyRange> prepareEntity(CopyTask task) {
      return List.of(KeyRange.whole());
    }

    @Override
    public RangeResult copyRange(CopyTask task, KeyRange range) {
      return new RangeResult(7, 0);
    }

    @Override
    public EntityResult verifyEntity(CopyTask task) {
      return EntityResult.completed(task.entity(), 7, 7, 0);
    }
  }

  static final class Schema implements AppSchemaActivities {
    @Override
    public void dropForeignKeys(String migrationId, String stage, String appKey) {}

    @Override
    public void restoreForeignKeys(String migrationId, String stage, String appKey) {}

    @Override
    public void deleteCopiedData(String migrationId, String stage, List<AppPlan> apps) {}
  }

  static final class Users implements UserActivities {
    @Override
    public UsersResult migrateUsers(MigrationRequest request, List<String> appKeys) {
      return new UsersResult(0, 0, 0, 0, 0);
    }
  }

  static final class Control implements ControlActivities {
    @Override
    public void stopEnvironment(String environment) {}

    @Override
    public void startEnvironment(String environment) {}

    @Override
    public List<String> undeployApps(String migrationId, String stage, List<String> appKeys) {
      return List.of();
    }

    @Override
    public List<String> redeployApps(String migrationId, String stage) {
      return List.of();
    }
  }

  static final class Reports implements ReportActivities {
    @Override
    public void recordStart(MigrationRequest request) {}

    @Override
    public void saveReport(MigrationReport report) {}
  }
}
