package org.odcmigrate.migration;

/** Migrations the tests assert on and whose histories the replay tests keep. */
final class Scenarios {

  /** The order lines are big enough to be copied in three key ranges. */
  static final String SPLIT_ENTITY = "sales-orderline";

  static final int SPLIT_RANGES = 3;
  static final String CANCEL_REASON = "stage is needed for a demo";
  static final String PLAN_PROBLEMS =
      "2 problems: app Sales is not published in dev;"
          + " entity Hr.Employee has attribute Salary that dev does not have";

  private Scenarios() {}

  /** A finished migration: the stub to query it and the report it returned. */
  record Run(DataMigrationWorkflow workflow, MigrationReport report) {}

  /** Three apps, eight entities, every row copied. */
  static Run completed(MigrationHarness harness) {
    MigrationPlan plan = Fixtures.threeApps();
    harness.planning.willReturn(plan);
    long rows = 10;
    for (var entity : Fixtures.entities(plan)) {
      harness.copy.rows(entity.entityKey(), rows);
      rows += 10;
    }
    harness.copy.rows(SPLIT_ENTITY, 30_001);
    harness.copy.splitInto(SPLIT_ENTITY, SPLIT_RANGES);
    DataMigrationWorkflow workflow = harness.start(Fixtures.request("m-completed"));
    return new Run(workflow, MigrationHarness.result(workflow));
  }

  /** Cancelled by the user's signal while every app is copying. */
  static Run cancelledDuringCopy(MigrationHarness harness) {
    harness.planning.willReturn(Fixtures.threeApps());
    harness.copy.blockCopies();
    DataMigrationWorkflow workflow = harness.start(Fixtures.request("m-cancelled"));
    harness.copy.awaitCopying(Fixtures.threeApps().entityCount());
    workflow.cancel(CANCEL_REASON);
    return new Run(workflow, MigrationHarness.result(workflow));
  }

  static final String PAUSED_BY = "night operator";

  /**
   * Limits changed and paused while every app is copying: every copy hands its range back, then the
   * migration is resumed and completes.
   */
  static Run pausedAndLimitedDuringCopy(MigrationHarness harness) {
    MigrationPlan plan = Fixtures.threeApps();
    harness.planning.willReturn(plan);
    harness.copy.blockCopies();
    DataMigrationWorkflow workflow = harness.start(Fixtures.request("m-paused"));
    harness.copy.awaitCopying(plan.entityCount());
    workflow.setLimits(new Limits(null, 2, 5_000));
    workflow.pause(new PauseRequest(PAUSED_BY, "business hours"));
    harness.copy.awaitHandedBack(plan.entityCount());
    MigrationHarness.awaitProgress(workflow, p -> p.status() == MigrationStatus.PAUSED);
    harness.copy.release();
    workflow.resume("day operator");
    return new Run(workflow, MigrationHarness.result(workflow));
  }

  /** Preparation finds problems the user must fix. */
  static Run planRejected(MigrationHarness harness) {
    harness.planning.willReject(PLAN_PROBLEMS);
    DataMigrationWorkflow workflow = harness.start(Fixtures.request("m-rejected"));
    return new Run(workflow, MigrationHarness.result(workflow));
  }
}
