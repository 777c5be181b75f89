package org.odcmigrate.migration;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Starts a stopped O11 environment again, on an explicit request: migrations never restart an
 * environment they stopped. A workflow, so the action shows, with its outcome, in the Temporal UI.
 */
@WorkflowInterface
public interface EnvironmentStartWorkflow {

  static String workflowId(String environment) {
    return "environment-start/" + environment;
  }

  @WorkflowMethod(name = "StartO11Environment")
  void start(String environment);
}
