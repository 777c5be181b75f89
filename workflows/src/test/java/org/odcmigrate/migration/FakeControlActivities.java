package org.odcmigrate.migration;

import java.util.ArrayList;
import java.util.List;

/** The control ports, remembering which apps a migration undeployed, as the real ones do. */
final class FakeControlActivities implements ControlActivities {

  private final CallLog calls;
  private final List<String> undeployed = new ArrayList<>();

  FakeControlActivities(CallLog calls) {
    this.calls = calls;
  }

  @Override
  public void stopEnvironment(String environment) {
    calls.add("StopO11Environment " + environment);
  }

  @Override
  public void startEnvironment(String environment) {
    calls.add("StartO11Environment " + environment);
  }

  @Override
  public synchronized List<String> undeployApps(
      String migrationId, String stage, List<String> appKeys) {
    calls.add("UndeployApps " + appKeys);
    undeployed.clear();
    undeployed.addAll(appKeys);
    return List.copyOf(undeployed);
  }

  @Override
  public synchronized List<String> redeployApps(String migrationId, String stage) {
    calls.add("RedeployApps " + undeployed);
    List<String> redeployed = List.copyOf(undeployed);
    undeployed.clear();
    return redeployed;
  }
}
