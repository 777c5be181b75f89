package org.odcmigrate.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Both ways to cancel stop the copy first, then remove the copied data and keep the report.
 *
 * <p>A behaviour test spanning DataMigrationWorkflowImpl, AppDataMigrationWorkflowImpl and
 * ProgressTracker; named for that behaviour.
 */
class MigrationCancellationTest {

  private final MigrationHarness harness = new MigrationHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void cancelSignalDuringCopyStopsTheCopiesAndRemovesTheCopiedData() {
    Scenarios.Run run = Scenarios.cancelledDuringCopy(harness);
    MigrationReport report = run.report();

    assertThat(report.status()).isEqualTo(MigrationStatus.CANCELLED);
    assertThat(report.error()).isEqualTo(Scenarios.CANCEL_REASON);
    assertThat(report.apps())
        .extracting(AppProgress::status)
        .containsOnly(MigrationStatus.CANCELLED);
    // The copied data is gone: no entity may claim rows in the stage.
    assertThat(report.apps())
        .flatExtracting(AppProgress::entities)
        .allSatisfy(
            e -> {
              assertThat(e.status()).isEqualTo(EntityResult.Status.CANCELLED);
              assertThat(e.rowsWritten()).isZero();
              assertThat(e.detail()).contains("cancelled");
            });
    assertThat(harness.schema.deletions()).containsExactly(Fixtures.threeApps().apps());
    assertThat(harness.calls.of("RestoreForeignKeys")).isEmpty();
    assertCopiesStoppedAndDataDeleted();
    assertThat(harness.reports.saved()).containsExactly(report);
    assertThat(harness.calls.indexOf("SaveMigrationReport CANCELLED"))
        .isGreaterThan(harness.calls.indexOf("DeleteCopiedAppData sales,hr,catalog"));

    MigrationProgress progress = run.workflow().progress();
    assertThat(progress.phase()).isEqualTo(Phase.FINISHED);
    assertThat(progress.status()).isEqualTo(MigrationStatus.CANCELLED);
    assertThat(progress.log())
        .extracting(LogLine::message)
        .containsSubsequence(
            "Cancel requested: " + Scenarios.CANCEL_REASON,
            "Removing the app data copied by this migration",
            "Data migration cancelled: " + Scenarios.CANCEL_REASON);
  }

  @Test
  void cancelSignalDuringPreparationLeavesTheStageUntouched() {
    harness.planning.willReturn(Fixtures.threeApps());
    harness.planning.willBlock();
    DataMigrationWorkflow workflow = harness.start(Fixtures.request("m-cancel-early"));
    harness.planning.awaitStarted();

    workflow.cancel("wrong stage");
    MigrationReport report = MigrationHarness.result(workflow);

    assertThat(report.status()).isEqualTo(MigrationStatus.CANCELLED);
    assertThat(report.error()).isEqualTo("wrong stage");
    assertThat(report.apps()).isEmpty();
    assertThat(harness.calls.all())
        .noneMatch(
            c ->
                c.startsWith("DropForeignKeys")
                    || c.startsWith("PrepareEntityCopy")
                    || c.startsWith("DeleteCopiedAppData"));
    assertThat(harness.reports.saved()).containsExactly(report);
    assertThat(workflow.progress().log())
        .extracting(LogLine::message)
        .contains("Nothing was copied: the stage's app data is untouched");
  }

  @Test
  void cancelWhileForeignKeysAreDroppedCleansUpOnlyAfterTheDropsFinished() {
    harness.planning.willReturn(Fixtures.threeApps());
    harness.schema.blockDrops();
    DataMigrationWorkflow workflow = harness.start(Fixtures.request("m-cancel-drop"));
    harness.schema.awaitDropping(3);

    workflow.cancel("wrong stage");
    // Gives a clean-up that does not wait for the drops the time to show itself.
    boolean deletedEarly = harness.schema.deletedWithin(500);
    harness.schema.releaseDrops();
    MigrationReport report = MigrationHarness.result(workflow);

    assertThat(deletedEarly)
        .as("copied data deleted while foreign keys were still being dropped")
        .isFalse();
    assertThat(report.status()).isEqualTo(MigrationStatus.CANCELLED);
    List<String> calls = harness.calls.all();
    int deletion = harness.calls.indexOf("DeleteCopiedAppData sales,hr,catalog");
    assertThat(deletion).isNotNegative();
    assertThat(calls.subList(0, deletion))
        .containsAll(
            calls.stream()
                .filter(c -> c.startsWith("DropForeignKeys") && !c.endsWith(" finished"))
                .map(c -> c + " finished")
                .toList());
    assertThat(harness.calls.of("PrepareEntityCopy")).isEmpty();
  }

  /**
   * Temporal closes a workflow whose cancellation was requested as CANCELED even when the workflow
   * method returns: the client gets a CanceledFailure, not the report, which is saved all the same.
   */
  @Test
  void temporalCancelRequestTakesTheSameCleanUpPath() {
    harness.planning.willReturn(Fixtures.threeApps());
    harness.copy.blockCopies();
    DataMigrationWorkflow workflow = harness.start(Fixtures.request("m-cancel-request"));
    harness.copy.awaitCopying(Fixtures.threeApps().entityCount());

    WorkflowStub stub = WorkflowStub.fromTyped(workflow);
    stub.cancel();

    assertThatThrownBy(() -> MigrationHarness.result(workflow))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    assertThat(harness.schema.deletions()).containsExactly(Fixtures.threeApps().apps());
    assertCopiesStoppedAndDataDeleted();
    assertThat(harness.calls.of("RestoreForeignKeys")).isEmpty();
    assertThat(harness.reports.saved()).hasSize(1);
    MigrationReport saved = harness.reports.saved().get(0);
    assertThat(saved.status()).isEqualTo(MigrationStatus.CANCELLED);
    assertThat(saved.apps())
        .extracting(AppProgress::status)
        .containsOnly(MigrationStatus.CANCELLED);
    assertThat(harness.calls.indexOf("SaveMigrationReport CANCELLED"))
        .isGreaterThan(harness.calls.indexOf("DeleteCopiedAppData sales,hr,catalog"));
    MigrationProgress progress = workflow.progress();
    assertThat(progress.phase()).isEqualTo(Phase.FINISHED);
    assertThat(progress.status()).isEqualTo(MigrationStatus.CANCELLED);
  }

  /** Every range copy that started had stopped writing before the copied data was deleted. */
  /**
   * The copied data is deleted and every running copy stops. Copies are not waited for: one that
   * still commits a batch meanwhile is safe in the real copy engine (its checkpoint claim fails
   * after the clean-up; see EntityCopierTest and CancelMigrationTest on a real stage).
   */
  private void assertCopiesStoppedAndDataDeleted() {
    assertThat(harness.calls.indexOf("DeleteCopiedAppData sales,hr,catalog")).isNotNegative();
    List<String> started =
        harness.calls.all().stream()
            .filter(c -> c.startsWith("CopyEntityRange") && !c.endsWith(" stopped"))
            .toList();
    assertThat(started).isNotEmpty();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
    while (!harness.calls.all().containsAll(started.stream().map(c -> c + " stopped").toList())) {
      assertThat(System.nanoTime())
          .as("copies still running after the cancel")
          .isLessThan(deadline);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
