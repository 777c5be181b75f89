package org.odcmigrate.migration;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** The end users phase: upsert users into the stage by email and keep the O11-to-ODC id map. */
@ActivityInterface
public interface UserActivities {

  /** Upserts the users and resets their direct roles in the given apps to the source's. */
  @ActivityMethod(name = "MigrateEndUsers")
  UsersResult migrateUsers(MigrationRequest request, List<String> appKeys);
}
