package org.odcmigrate.migration;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * The two control ports: the O11 environment (stop, start) and the stage's apps (undeploy,
 * redeploy).
 */
@ActivityInterface
public interface ControlActivities {

  @ActivityMethod(name = "StopO11Environment")
  void stopEnvironment(String environment);

  @ActivityMethod(name = "StartO11Environment")
  void startEnvironment(String environment);

  /**
   * Undeploys the apps and records that this migration did, so they are redeployed whatever
   * happens.
   */
  @ActivityMethod(name = "UndeployApps")
  List<String> undeployApps(String migrationId, String stage, List<String> appKeys);

  /** Redeploys every app this migration undeployed; returns their names. */
  @ActivityMethod(name = "RedeployApps")
  List<String> redeployApps(String migrationId, String stage);
}
