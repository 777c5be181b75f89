package org.odcmigrate.migration;

import java.util.List;

/** The end users phase as the workflow sees it: a count of users, recorded in the call log. */
final class FakeUserActivities implements UserActivities {

  static final int USERS = 25;

  private final CallLog calls;

  FakeUserActivities(CallLog calls) {
    this.calls = calls;
  }

  @Override
  public UsersResult migrateUsers(MigrationRequest request, List<String> appKeys) {
    calls.add("MigrateEndUsers " + request.migrationId() + " " + appKeys);
    return new UsersResult(USERS, USERS, 0, 0, 40);
  }
}
