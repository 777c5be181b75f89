package org.odcmigrate.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A plan of 2,000 entities in one app: every entity migrated, and no history grows past a bound.
 *
 * <p>A behaviour test spanning DataMigrationWorkflowImpl and AppDataMigrationWorkflowImpl
 * (continue-as-new); named for that behaviour.
 */
class LargePlanTest {

  private static final int ENTITIES = 2_000;

  private final MigrationHarness harness = new MigrationHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void twoThousandEntitiesInOneAppKeepEveryRunsHistorySmall() {
    List<EntityRef> entities = new ArrayList<>();
    for (int i = 0; i < ENTITIES; i++) {
      entities.add(new EntityRef("big", "Big", "big-" + i, "Entity" + i));
    }
    harness.planning.willReturn(
        new MigrationPlan(List.of(new AppPlan("big", "Big", "app_big", entities))));

    MigrationReport report = harness.migrate(Fixtures.request("m-big", Fixtures.options(4, 32)));

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(report.apps())
        .singleElement()
        .satisfies(
            app -> {
              assertThat(app.entities()).hasSize(ENTITIES);
              assertThat(app.entities()).allMatch(e -> e.status() == EntityResult.Status.COMPLETED);
            });
    WorkflowExecutionHistory child =
        harness.history(AppDataMigrationWorkflow.workflowId(Fixtures.STAGE, "Big"));
    WorkflowExecutionHistory parent =
        harness.history(DataMigrationWorkflow.workflowId(Fixtures.STAGE));
    // The last of five runs of at most 400 entities each, and a parent that only sees its child.
    assertThat(child.getEvents().size()).isLessThan(10_000);
    assertThat(parent.getEvents().size()).isLessThan(200);
    // The results and the report of 2,000 entities weigh about 2 MB; the memos of a large plan list
    // only what is being copied, so they add little to that.
    assertThat(child.getHistory().getSerializedSize()).isLessThan(3 << 20);
    assertThat(parent.getHistory().getSerializedSize()).isLessThan(3 << 20);
    MigrationProgress kept =
        harness.keptProgress(
            DataMigrationWorkflow.workflowId(Fixtures.STAGE), MigrationProgress.class);
    assertThat(kept.entitiesMigrated()).isEqualTo(ENTITIES);
    assertThat(kept.apps().get(0).entities()).as("none copying any more").isEmpty();
    assertThat(child.getEvents().get(0).getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
    assertThat(
            child
                .getEvents()
                .get(0)
                .getWorkflowExecutionStartedEventAttributes()
                .getContinuedExecutionRunId())
        .as("the child went on as new runs")
        .isNotEmpty();
  }
}
