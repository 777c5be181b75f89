package org.odcmigrate.migration;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The end users phase: upsert users into the stage by email and keep the O11-to-ODC id map. */
@ActivityInterface
public interface UserActivities {

  @ActivityMethod(name = "MigrateEndUsers")
  UsersResult migrateUsers(MigrationRequest request);
}
