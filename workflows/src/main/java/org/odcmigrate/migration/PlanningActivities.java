package org.odcmigrate.migration;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Preparation: reads the O11 metadata and the stage catalog, checks them, stores the plan. */
@ActivityInterface
public interface PlanningActivities {

  /** Fails with {@link FailureTypes#PLAN_REJECTED} listing every problem the user must fix. */
  @ActivityMethod(name = "PlanMigration")
  MigrationPlan planMigration(MigrationRequest request);
}
