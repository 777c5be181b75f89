package org.odcmigrate.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Replays recorded histories against the current workflow code: a change that would break
 * migrations already running fails here. After an intended, versioned change, record a new history
 * of it beside the old ones: {@code ./mvnw -pl workflows test -Dtest=WorkflowReplayTest
 * -Dodc.recordHistories=true}.
 *
 * <p>A behaviour test spanning every workflow implementation; named for replay.
 */
class WorkflowReplayTest {

  private static final Path HISTORIES = Path.of("src/test/resources/histories");

  /** Sales has the entity copied in three key ranges. */
  private static final String REPLAYED_APP = "Sales";

  @Test
  void completedMigrationReplays() throws Exception {
    replay(
        "completed-migration.json",
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
        DataMigrationWorkflowImpl.class);
  }

  @Test
  void completedAppReplays() throws Exception {
    replay(
        "completed-app.json",
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
        AppDataMigrationWorkflowImpl.class);
  }

  /** A cancel signal ends the migration normally, with a CANCELLED report. */
  @Test
  void cancelledMigrationReplays() throws Exception {
    replay(
        "cancelled-migration.json",
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
        DataMigrationWorkflowImpl.class);
  }

  @Test
  void cancelledAppReplays() throws Exception {
    replay(
        "cancelled-app.json",
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
        AppDataMigrationWorkflowImpl.class);
  }

  @Test
  void rejectedPlanReplays() throws Exception {
    replay(
        "plan-rejected-migration.json",
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
        DataMigrationWorkflowImpl.class);
  }

  /** Limits changed, paused with every copy handing its range back, resumed, completed. */
  @Test
  void pausedMigrationReplays() throws Exception {
    replay(
        "paused-migration.json",
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
        DataMigrationWorkflowImpl.class);
  }

  @Test
  void pausedAppReplays() throws Exception {
    replay(
        "paused-app.json",
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
        AppDataMigrationWorkflowImpl.class);
  }

  /** Small entities each copied in one activity, the split one in three ranges. */
  @Test
  void smallEntitiesInOneStepReplay() throws Exception {
    replay(
        "small-entities-migration.json",
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
        DataMigrationWorkflowImpl.class);
    replay(
        "small-entities-app.json",
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
        AppDataMigrationWorkflowImpl.class);
  }

  /** Small entities copied a group per activity, the split one in three ranges after its group. */
  @Test
  void smallEntitiesInGroupsReplay() throws Exception {
    replay(
        "grouped-entities-migration.json",
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
        DataMigrationWorkflowImpl.class);
    replay(
        "grouped-entities-app.json",
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
        AppDataMigrationWorkflowImpl.class);
  }

  /**
   * Records the histories that are missing. Those already there were recorded by older workflow
   * code and stay, so that running migrations of every earlier version keep being replayed; delete
   * one to record it again.
   */
  @Test
  @EnabledIfSystemProperty(named = "odc.recordHistories", matches = "true")
  void recordHistories() throws IOException {
    record(Scenarios::completed, "completed-migration.json", "completed-app.json");
    record(Scenarios::cancelledDuringCopy, "cancelled-migration.json", "cancelled-app.json");
    record(Scenarios::planRejected, "plan-rejected-migration.json", null);
    record(Scenarios::pausedAndLimitedDuringCopy, "paused-migration.json", "paused-app.json");
    record(
        harness -> {
          harness.copy.copySmallEntitiesInOneStep();
          return Scenarios.completed(harness);
        },
        "small-entities-migration.json",
        "small-entities-app.json");
    record(
        harness -> {
          harness.copy.copySmallEntitiesInOneStep();
          return Scenarios.completed(harness);
        },
        "grouped-entities-migration.json",
        "grouped-entities-app.json");
  }

  private static void replay(String file, EventType lastEvent, Class<?> workflow) throws Exception {
    String json;
    try (InputStream in = WorkflowReplayTest.class.getResourceAsStream("/histories/" + file)) {
      assertThat(in).as("recorded history %s", file).isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(json);
    // Guards against a recording of the wrong outcome, which would replay just as well.
    assertThat(history.getLastEvent().getEventType()).isEqualTo(lastEvent);
    WorkflowReplayer.replayWorkflowExecution(history, workflow);
  }

  private static void record(
      Function<MigrationHarness, Scenarios.Run> scenario, String migrationFile, String appFile)
      throws IOException {
    if (Files.exists(HISTORIES.resolve(migrationFile))) {
      return;
    }
    try (MigrationHarness harness = new MigrationHarness()) {
      scenario.apply(harness);
      Files.createDirectories(HISTORIES);
      Files.writeString(
          HISTORIES.resolve(migrationFile),
          harness.history(DataMigrationWorkflow.workflowId(Fixtures.STAGE)).toJson(true));
      if (appFile != null) {
        Files.writeString(
            HISTORIES.resolve(appFile),
            harness
                .history(AppDataMigrationWorkflow.workflowId(Fixtures.STAGE, REPLAYED_APP))
                .toJson(true));
      }
    }
  }
}
