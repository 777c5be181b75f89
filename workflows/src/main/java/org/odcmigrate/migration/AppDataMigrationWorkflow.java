package org.odcmigrate.migration;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Copies the entities of one app, a child of {@link DataMigrationWorkflow}. */
@WorkflowInterface
public interface AppDataMigrationWorkflow {

  static String workflowId(String stage, String appName) {
    return DataMigrationWorkflow.workflowId(stage) + "/" + appName;
  }

  @WorkflowMethod(name = "AppDataMigration")
  AppProgress migrateApp(AppMigrationInput input);

  /** The parent's pause and limits, passed on whole; an older revision than held is ignored. */
  @SignalMethod
  void control(LiveControlState state);

  @QueryMethod
  AppProgress progress();
}
