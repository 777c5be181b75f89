package org.odcmigrate.migration;

import io.temporal.workflow.Workflow;

/** Runs the start of an environment through its control port. */
public class EnvironmentStartWorkflowImpl implements EnvironmentStartWorkflow {

  private final ControlActivities control =
      Workflow.newActivityStub(ControlActivities.class, StepOptions.shortStep());

  @Override
  public void start(String environment) {
    control.startEnvironment(environment);
  }
}
