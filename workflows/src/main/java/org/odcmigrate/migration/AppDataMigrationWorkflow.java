package org.odcmigrate.migration;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;
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

  /**
   * How the migration starts the child of one app: a readable id and summary for the Temporal UI; a
   * cancel waits for the child's own clean-up; a migration that closes cancels its children.
   */
  static ChildWorkflowOptions options(String stage, AppPlan app) {
    return ChildWorkflowOptions.newBuilder()
        .setWorkflowId(workflowId(stage, app.appName()))
        .setStaticSummary(
            "Copy the data of app **"
                + app.appName()
                + "** ("
                + app.entities().size()
                + " entities)")
        .setCancellationType(ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
        .build();
  }

  @WorkflowMethod(name = "AppDataMigration")
  AppProgress migrateApp(AppMigrationInput input);

  /** The parent's pause and limits, passed on whole; an older revision than held is ignored. */
  @SignalMethod
  void control(LiveControlState state);

  @QueryMethod
  AppProgress progress();
}
