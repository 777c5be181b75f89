package org.odcmigrate.migration;

import java.util.List;

/**
 * The end users phase as the workflow sees it: a count of users, recorded in the call log; it can
 * hang until released, so a test can act during END USERS.
 */
final class FakeUserActivities implements UserActivities {

  static final int USERS = 25;
  private static final long BLOCK_LIMIT_MILLIS = 30_000;

  private final CallLog calls;
  private final Arrivals started = new Arrivals();
  private final Gate released = new Gate();
  private volatile boolean blocking;

  FakeUserActivities(CallLog calls) {
    this.calls = calls;
  }

  /** The end users phase hangs until {@link #release()}. */
  void willBlock() {
    blocking = true;
  }

  void awaitStarted() {
    started.await(1, "the end users phase started");
  }

  void release() {
    released.open();
  }

  @Override
  public UsersResult migrateUsers(MigrationRequest request, List<String> appKeys) {
    calls.add("MigrateEndUsers " + request.migrationId() + " " + appKeys);
    started.arrive();
    if (blocking) {
      released.waitFor(BLOCK_LIMIT_MILLIS);
    }
    return new UsersResult(USERS, USERS, 0, 0, 40);
  }
}
