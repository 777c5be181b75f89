package org.odcmigrate.migration;

import io.temporal.failure.ApplicationFailure;
import java.util.List;

/** Preparation as a test wants it: a given plan, a rejection, or a preparation that hangs. */
final class FakePlanningActivities implements PlanningActivities {

  private static final long BLOCK_LIMIT_MILLIS = 30_000;

  private final CallLog calls;
  private final Arrivals started = new Arrivals();
  private final Gate released = new Gate();
  private volatile MigrationPlan plan = new MigrationPlan(List.of());
  private volatile String problems;
  private volatile boolean blocking;

  FakePlanningActivities(CallLog calls) {
    this.calls = calls;
  }

  void willReturn(MigrationPlan plan) {
    this.plan = plan;
  }

  void willReject(String problems) {
    this.problems = problems;
  }

  /** Preparation hangs until {@link #release()}, so a test can cancel during PREPARATION. */
  void willBlock() {
    blocking = true;
  }

  void awaitStarted() {
    started.await(1, "the preparation started");
  }

  void release() {
    released.open();
  }

  @Override
  public MigrationPlan planMigration(MigrationRequest request) {
    calls.add("PlanMigration " + request.migrationId());
    started.arrive();
    if (blocking) {
      released.waitFor(BLOCK_LIMIT_MILLIS);
    }
    if (problems != null) {
      throw ApplicationFailure.newNonRetryableFailure(problems, FailureTypes.PLAN_REJECTED);
    }
    return plan;
  }
}
