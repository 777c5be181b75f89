package org.odcmigrate.migration;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The data migration of one O11 environment into one ODC stage: preparation, users, app data,
 * validation.
 */
@WorkflowInterface
public interface DataMigrationWorkflow {

  /** One migration per target stage at a time: the workflow id names the stage. */
  static String workflowId(String stage) {
    return "data-migration/" + stage;
  }

  @WorkflowMethod(name = "DataMigration")
  MigrationReport migrate(MigrationRequest request);

  /**
   * Stops the migration and removes the app data it copied; same path as Temporal's cancel request.
   */
  @SignalMethod
  void cancel(String reason);

  @QueryMethod
  MigrationProgress progress();
}
