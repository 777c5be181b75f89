package org.odcmigrate.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pause, resume, limits and a scheduled start of a running migration, as the workflow sees them.
 */
class LiveControlTest {

  private final MigrationHarness harness = new MigrationHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void pauseDuringCopyHandsEveryRangeBackAndResumeCompletesFromTheCheckpoints() {
    Scenarios.Run run = Scenarios.pausedAndLimitedDuringCopy(harness);

    assertThat(run.report().status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(run.report().apps())
        .flatExtracting(AppProgress::entities)
        .allMatch(e -> e.status() == EntityResult.Status.COMPLETED);
    // Each range was handed back once and copied again after the resume.
    for (var entity : Fixtures.entities(Fixtures.threeApps())) {
      String call = "CopyEntityRange " + entity.entityKey() + "#0";
      assertThat(harness.calls.count(call)).as(call).isEqualTo(2);
      assertThat(harness.calls.count(call + " handed back")).as(call).isEqualTo(1);
    }
    List<String> calls = harness.calls.all();
    int paused = calls.indexOf("ControlRunningCopies paused");
    int resumed = calls.lastIndexOf("ControlRunningCopies running");
    assertThat(paused).isPositive();
    assertThat(resumed).isGreaterThan(paused);
    // Nothing but hand-backs between the pause and the resume: no new copy, no verification.
    assertThat(calls.subList(paused + 1, resumed)).allMatch(c -> c.endsWith(" handed back"));
    assertThat(run.workflow().progress().log())
        .extracting(LogLine::message)
        .anyMatch(m -> m.startsWith("Paused by " + Scenarios.PAUSED_BY + " (business hours)"))
        .contains("Resumed by day operator: the copy goes on from its checkpoints")
        .contains(
            "Limits now in force: parallel apps 4, parallel entities 2, rows per second 5000");
  }

  @Test
  void progressShowsWhoPausedSinceWhenAndTheLimitsInForce() {
    harness.planning.willReturn(Fixtures.threeApps());
    harness.copy.blockCopies();
    DataMigrationWorkflow workflow = harness.start(Fixtures.request("m-paused-view"));
    harness.copy.awaitCopying(8);
    workflow.pause(new PauseRequest("alice", null));
    harness.copy.awaitHandedBack(8);

    MigrationProgress progress =
        MigrationHarness.awaitProgress(workflow, p -> p.status() == MigrationStatus.PAUSED);
    assertThat(progress.control().paused()).isTrue();
    assertThat(progress.control().pausedBy()).isEqualTo("alice");
    assertThat(progress.control().pausedSince()).isNotNull();
    assertThat(progress.control().limits()).isEqualTo(new Limits(4, 4, 0));
    assertThat(harness.copy.control().paused()).isTrue();

    workflow.resume("alice");
    harness.copy.release();
    assertThat(MigrationHarness.result(workflow).status()).isEqualTo(MigrationStatus.COMPLETED);
  }

  @Test
  void pauseDuringPreparationTakesEffectAtTheEndOfThePhase() {
    harness.planning.willReturn(Fixtures.threeApps());
    harness.planning.willBlock();
    DataMigrationWorkflow workflow = harness.start(Fixtures.request("m-pause-early"));
    harness.planning.awaitStarted();
    workflow.pause(new PauseRequest("bob", "O11 is busy"));
    harness.planning.release();

    MigrationProgress held =
        MigrationHarness.awaitProgress(
            workflow,
            p -> p.log().stream().anyMatch(l -> l.message().startsWith("Paused: holding")));
    assertThat(held.status()).isEqualTo(MigrationStatus.PAUSED);
    assertThat(held.phase()).isEqualTo(Phase.PREPARATION);
    assertThat(harness.calls.all())
        .noneMatch(c -> c.startsWith("DropForeignKeys") || c.startsWith("PrepareEntityCopy"));

    workflow.resume("bob");
    MigrationReport report = MigrationHarness.result(workflow);
    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(harness.calls.of("PrepareEntityCopy")).hasSize(8);
  }

  @Test
  void pauseDuringEndUsersTakesEffectAtTheEndOfThePhase() {
    harness.planning.willReturn(Fixtures.threeApps());
    harness.users.willBlock();
    DataMigrationWorkflow workflow = harness.start(Fixtures.request("m-pause-users"));
    harness.users.awaitStarted();
    workflow.pause(new PauseRequest("dave", "month-end closing"));
    harness.users.release();

    MigrationProgress held =
        MigrationHarness.awaitProgress(
            workflow,
            p -> p.log().stream().anyMatch(l -> l.message().startsWith("Paused: holding")));
    assertThat(held.status()).isEqualTo(MigrationStatus.PAUSED);
    assertThat(held.phase()).isEqualTo(Phase.END_USERS);
    // The end users phase ran to its end; no app copy started.
    assertThat(held.usersMigrated()).isEqualTo(FakeUserActivities.USERS);
    harness.skip(Duration.ofHours(4));
    assertThat(workflow.progress().status()).isEqualTo(MigrationStatus.PAUSED);
    assertThat(harness.calls.all())
        .noneMatch(
            c ->
                c.startsWith("DropForeignKeys")
                    || c.startsWith("PrepareEntityCopy")
                    || c.startsWith("CopyEntityRange"));

    workflow.resume("dave");
    MigrationReport report = MigrationHarness.result(workflow);
    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(harness.calls.of("PrepareEntityCopy")).hasSize(8);
    assertThat(harness.calls.of("MigrateEndUsers")).hasSize(1);
  }

  /**
   * The environment stopped and the apps undeployed for the run stay so through a long pause; a
   * cancel then redeploys the apps, and the environment stays stopped (it is never restarted
   * automatically).
   */
  @Test
  void pausedMigrationKeepsTheEnvironmentStoppedAndTheAppsUndeployedUntilCancelled() {
    harness.planning.willReturn(Fixtures.threeApps());
    harness.copy.blockCopies();
    DataMigrationWorkflow workflow =
        harness.start(
            new MigrationRequest(
                "m-pause-stopped",
                Fixtures.SOURCE,
                Fixtures.STAGE,
                true,
                true,
                Fixtures.options(4, 4)));
    harness.copy.awaitCopying(8);
    workflow.pause(new PauseRequest("erin", "business hours"));
    harness.copy.awaitHandedBack(8);
    MigrationHarness.awaitProgress(workflow, p -> p.status() == MigrationStatus.PAUSED);

    harness.skip(Duration.ofHours(8));
    // New limits while paused reach the workflow, and still nothing comes back up.
    assertThat(workflow.setLimits(new Limits(2, null, null))).isEqualTo(new Limits(2, 4, 0));
    assertThat(workflow.progress().status()).isEqualTo(MigrationStatus.PAUSED);
    assertThat(harness.calls.of("StopO11Environment")).hasSize(1);
    assertThat(harness.calls.of("UndeployApps")).hasSize(1);
    assertThat(harness.calls.all())
        .noneMatch(c -> c.startsWith("RedeployApps") || c.startsWith("StartO11Environment"));

    workflow.cancel("not this week");
    MigrationReport report = MigrationHarness.result(workflow);

    assertThat(report.status()).isEqualTo(MigrationStatus.CANCELLED);
    assertThat(harness.calls.of("RedeployApps"))
        .containsExactly("RedeployApps [sales, hr, catalog]");
    assertThat(harness.calls.of("StartO11Environment")).isEmpty();
  }

  @Test
  void cancelWhilePausedRemovesTheCopiedData() {
    harness.planning.willReturn(Fixtures.threeApps());
    harness.copy.blockCopies();
    DataMigrationWorkflow workflow = harness.start(Fixtures.request("m-pause-cancel"));
    harness.copy.awaitCopying(8);
    workflow.pause(new PauseRequest("carol", null));
    harness.copy.awaitHandedBack(8);
    MigrationHarness.awaitProgress(workflow, p -> p.status() == MigrationStatus.PAUSED);

    workflow.cancel("not this week");
    MigrationReport report = MigrationHarness.result(workflow);

    assertThat(report.status()).isEqualTo(MigrationStatus.CANCELLED);
    assertThat(report.error()).isEqualTo("not this week");
    assertThat(harness.schema.deletions()).containsExactly(Fixtures.threeApps().apps());
    assertThat(harness.calls.of("RestoreForeignKeys")).isEmpty();
  }

  /**
   * Apps one at a time: the first app's entities start one at a time; raised to three while it
   * runs, the other two start at once; lowered to one again, the next apps copy one at a time.
   */
  @Test
  void raisedAndLoweredLimitsHoldForTheNextWork() {
    MigrationPlan plan =
        new MigrationPlan(
            List.of(
                Fixtures.app("sales", "Sales", "Customer", "Order", "OrderLine"),
                Fixtures.app("catalog", "Catalog", "Product", "Category", "Supplier")));
    harness.planning.willReturn(plan);
    harness.copy.blockCopies();
    DataMigrationWorkflow workflow =
        harness.start(Fixtures.request("m-limits", Fixtures.options(1, 1)));
    harness.copy.awaitCopying(1);

    assertThat(workflow.setLimits(new Limits(null, 3, null))).isEqualTo(new Limits(1, 3, 0));
    harness.copy.awaitCopying(3);
    assertThat(harness.copy.maxConcurrentEntitiesPerApp()).isEqualTo(3);

    workflow.setLimits(new Limits(null, 1, null));
    harness.copy.release();
    MigrationReport report = MigrationHarness.result(workflow);

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(harness.copy.maxConcurrentEntities("catalog")).isEqualTo(1);
    assertThat(harness.schema.maxConcurrentApps()).isEqualTo(1);
    assertThat(harness.schema.validationParallelism())
        .as("the final validation reads as many entities at once as the limit then says")
        .isEqualTo(1);
  }

  @Test
  void limitsOutOfRangeAreRejectedNamingTheField() {
    harness.planning.willReturn(Fixtures.threeApps());
    harness.copy.blockCopies();
    DataMigrationWorkflow workflow = harness.start(Fixtures.request("m-bad-limits"));
    harness.copy.awaitCopying(8);

    assertThatThrownBy(() -> workflow.setLimits(new Limits(0, null, null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("parallelApps must be between 1 and 64, was 0");
    assertThatThrownBy(() -> workflow.setLimits(new Limits(null, null, -5)))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("maxRowsPerSecond must be between 0 and");
    assertThat(workflow.progress().control().limits()).isEqualTo(new Limits(4, 4, 0));
    harness.copy.release();
    assertThat(MigrationHarness.result(workflow).status()).isEqualTo(MigrationStatus.COMPLETED);
  }

  @Test
  void scheduledMigrationWaitsAsScheduledThenStartsWhenItsTimeComes() {
    harness.planning.willReturn(Fixtures.threeApps());
    Instant startAt = harness.now().plus(Duration.ofHours(6));
    DataMigrationWorkflow workflow = harness.start(scheduled("m-scheduled", startAt, false));

    MigrationProgress waiting =
        MigrationHarness.awaitProgress(workflow, p -> p.status() == MigrationStatus.SCHEDULED);
    assertThat(waiting.control().scheduledStart()).isEqualTo(startAt);
    assertThat(harness.calls.of("PlanMigration")).isEmpty();

    MigrationReport report = MigrationHarness.result(workflow);
    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(report.log())
        .extracting(LogLine::message)
        .containsSubsequence(
            "Scheduled: the migration starts at " + startAt, "Scheduled start reached");
  }

  @Test
  void cancelBeforeTheScheduledStartLeavesTheStageUntouched() {
    harness.planning.willReturn(Fixtures.threeApps());
    DataMigrationWorkflow workflow =
        harness.start(
            scheduled("m-scheduled-cancel", harness.now().plus(Duration.ofDays(2)), true));
    MigrationHarness.awaitProgress(workflow, p -> p.status() == MigrationStatus.SCHEDULED);

    workflow.cancel("postponed");
    MigrationReport report = MigrationHarness.result(workflow);

    assertThat(report.status()).isEqualTo(MigrationStatus.CANCELLED);
    assertThat(report.error()).isEqualTo("postponed");
    assertThat(harness.calls.all())
        .noneMatch(
            c ->
                c.startsWith("PlanMigration")
                    || c.startsWith("UndeployApps")
                    || c.startsWith("RedeployApps")
                    || c.startsWith("DeleteCopiedAppData"));
  }

  @Test
  void aStartTimeInThePastStartsAtOnce() {
    harness.planning.willReturn(Fixtures.threeApps());
    MigrationReport report =
        harness.migrate(scheduled("m-past", harness.now().minus(Duration.ofHours(1)), false));

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(report.log()).extracting(LogLine::message).noneMatch(m -> m.startsWith("Scheduled"));
  }

  private static MigrationRequest scheduled(String id, Instant startAt, boolean undeployApps) {
    return new MigrationRequest(
        id,
        Fixtures.SOURCE,
        Fixtures.STAGE,
        false,
        undeployApps,
        false,
        false,
        Fixtures.options(4, 4),
        null,
        startAt);
  }
}
