package org.odcmigrate.migration;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
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

  /**
   * Holds the migration: no new work starts, running copies commit their batch and hand their range
   * back. During preparation or end users it takes effect at the phase's end.
   */
  @SignalMethod
  void pause(PauseRequest request);

  /** Continues a paused migration from its checkpoints; {@code by} says who asked. */
  @SignalMethod
  void resume(String by);

  /** Changes the limits in force (null fields stay); returns the limits now in force. */
  @UpdateMethod
  Limits setLimits(Limits limits);

  /** Rejects limits out of range before they reach the history, naming the field. */
  @UpdateValidatorMethod(updateName = "setLimits")
  void validateLimits(Limits limits);

  @QueryMethod
  MigrationProgress progress();
}
