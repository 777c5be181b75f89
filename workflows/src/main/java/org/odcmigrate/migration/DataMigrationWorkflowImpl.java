package org.odcmigrate.migration;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * The migration, step by step as the ODC portal runs it. A cancel signal and Temporal's cancel
 * request take the same path: stop the copy, remove the copied app data, record the report.
 */
public class DataMigrationWorkflowImpl implements DataMigrationWorkflow {

  /** The change id of the final validation's recount, so histories recorded before it replay. */
  static final String FINAL_VALIDATION = "final-validation";

  private final ProgressTracker progress = new ProgressTracker();
  private final PlanningActivities planning =
      Workflow.newActivityStub(PlanningActivities.class, StepOptions.shortStep());
  private final UserActivities users =
      Workflow.newActivityStub(UserActivities.class, StepOptions.shortStep());
  private final ControlActivities control =
      Workflow.newActivityStub(ControlActivities.class, StepOptions.shortStep());
  private final ReportActivities reports =
      Workflow.newActivityStub(ReportActivities.class, StepOptions.shortStep());
  private CancellationScope work;
  private String cancelReason;
  private MigrationPlan plan;

  @Override
  public MigrationReport migrate(MigrationRequest request) {
    progress.start(request);

    MigrationStatus status;
    String failure = null;
    try {
      work = Workflow.newCancellationScope(() -> runPhases(request));
      if (cancelReason != null) {
        work.cancel(cancelReason);
      }
      work.run();
      List<AppProgress> failed = progress.appResults().stream()
          .filter(a -> a.status() != MigrationStatus.COMPLETED)
          .toList();
      status = failed.isEmpty() ? MigrationStatus.COMPLETED : MigrationStatus.FAILED;
      if (!failed.isEmpty()) {
        failure = "apps not migrated: " + String.join(", ", failed.stream()
            .map(a -> a.error() == null ? a.appName() : a.appName() + " (" + a.error() + ")")
            .toList());
      }
    } catch (RuntimeException e) {
      if (isCancelled(e)) {
        status = MigrationStatus.CANCELLED;
        failure = cancelReason != null ? cancelReason : "cancel requested in Temporal";
      } else {
        status = MigrationStatus.FAILED;
        failure = Failures.userMessage(e);
      }
    }

    if (status == MigrationStatus.CANCELLED) {
      Workflow.newDetachedCancellationScope(() -> removeCopiedData(request)).run();
    }
    if (request.undeployApps()) {
      Workflow.newDetachedCancellationScope(() -> redeployApps(request)).run();
    }
    progress.finish(status, failure);
    MigrationProgress last = progress.snapshot();
    MigrationReport report = new MigrationReport(
        request, status, last.startedAt(), last.finishedAt(), last.usersMigrated(), progress.appResults(), last.log(), failure);
    Workflow.newDetachedCancellationScope(() -> reports.saveReport(report)).run();
    return report;
  }

  private void runPhases(MigrationRequest request) {
    reports.recordStart(request);
    progress.phase(Phase.PREPARATION, "Preparation: checking the apps, the data model and the data");
    plan = planning.planMigration(request);
    progress.planned(plan);
    if (request.stopEnvironment()) {
      progress.warn("Stopping O11 environment " + request.sourceEnvironment()
          + ": its apps stay unavailable until it is started again");
      control.stopEnvironment(request.sourceEnvironment());
    } else {
      progress.info("O11 environment " + request.sourceEnvironment()
          + " kept running: changes made in it during the run are not migrated");
    }
    if (request.undeployApps()) {
      List<String> undeployed = control.undeployApps(request.migrationId(), request.targetStage(),
          plan.apps().stream().map(AppPlan::appKey).toList());
      progress.warn("Apps undeployed for the run: " + String.join(", ", undeployed));
    } else {
      progress.info("Apps kept deployed: changes users make in them during the run may be lost");
    }

    if (request.skipEndUsers()) {
      progress.phase(Phase.END_USERS, "End users: skipped as requested; references to users not yet in the stage"
          + " become NULL");
    } else {
      progress.phase(Phase.END_USERS, "End users: transferring the users of the default Users provider");
      progress.usersMigrated(users.migrateUsers(request, plan.apps().stream().map(AppPlan::appKey).toList()));
    }

    progress.phase(Phase.APP_DATA, "App data: copying " + plan.apps().size() + " apps");
    BoundedFanOut.map(plan.apps(), request.options().parallelApps(), app -> startApp(request, app));
    if (CancellationScope.current().isCancelRequested()) {
      throw new CanceledFailure(cancelReason == null ? "cancel requested" : cancelReason);
    }

    validate(request);
  }

  /**
   * VALIDATION: with every app's foreign keys back, the stage is counted again, so a batch lost
   * after its verification (a crashed server that acknowledged it) or a change made in the stage
   * meanwhile fails the migration instead of being reported as migrated.
   */
  private void validate(MigrationRequest request) {
    if (Workflow.getVersion(FINAL_VALIDATION, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      progress.phase(Phase.VALIDATION, "Validation: row counts compared for every entity");
      return;
    }
    progress.phase(Phase.VALIDATION, "Validation: counting every entity in the stage again");
    boolean allCopied = progress.appResults().stream().allMatch(a -> a.status() == MigrationStatus.COMPLETED);
    if (!allCopied) {
      progress.info("Validation: skipped, since not every app was copied");
      return;
    }
    AppSchemaActivities schema =
        Workflow.newActivityStub(AppSchemaActivities.class, StepOptions.tableStep(request.options()));
    progress.validated(schema.validateStage(request.migrationId(), request.targetStage(), plan.apps()));
  }

  private Promise<AppProgress> startApp(MigrationRequest request, AppPlan app) {
    progress.appStarted(app);
    AppDataMigrationWorkflow child = Workflow.newChildWorkflowStub(
        AppDataMigrationWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(AppDataMigrationWorkflow.workflowId(request.targetStage(), app.appName()))
            .setStaticSummary("Copy the data of app **" + app.appName() + "** (" + app.entities().size() + " entities)")
            .setCancellationType(ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED)
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
            .build());
    return Async.function(child::migrateApp, new AppMigrationInput(request, app))
        .handle((result, failure) -> {
          AppProgress outcome = failure == null ? result : failedApp(app, failure);
          progress.appFinished(outcome);
          return outcome;
        });
  }

  private AppProgress failedApp(AppPlan app, RuntimeException failure) {
    MigrationStatus status = Failures.isCancellation(failure) ? MigrationStatus.CANCELLED : MigrationStatus.FAILED;
    AppProgress last = progress.snapshot().apps().stream()
        .filter(a -> a.appKey().equals(app.appKey()))
        .findFirst()
        .orElseThrow();
    String error = status == MigrationStatus.CANCELLED ? null : Failures.userMessage(failure);
    return new AppProgress(app.appKey(), app.appName(), status, last.entities(), error);
  }

  private void removeCopiedData(MigrationRequest request) {
    if (plan == null || progress.phase() == Phase.PREPARATION || progress.phase() == Phase.END_USERS) {
      progress.info("Nothing was copied: the stage's app data is untouched");
      return;
    }
    progress.warn("Removing the app data copied by this migration");
    Workflow.newActivityStub(AppSchemaActivities.class, StepOptions.tableStep(request.options()))
        .deleteCopiedData(request.migrationId(), request.targetStage(), plan.apps());
  }

  /** Whatever the outcome, the apps this run undeployed are deployed again. */
  private void redeployApps(MigrationRequest request) {
    try {
      List<String> redeployed = control.redeployApps(request.migrationId(), request.targetStage());
      if (!redeployed.isEmpty()) {
        progress.info("Apps redeployed: " + String.join(", ", redeployed));
      }
    } catch (RuntimeException e) {
      progress.error("Redeploying the apps failed, redeploy them by hand: " + Failures.userMessage(e));
    }
  }

  private boolean isCancelled(RuntimeException e) {
    return cancelReason != null || Failures.isCancellation(e)
        || CancellationScope.current().isCancelRequested();
  }

  @Override
  public void cancel(String reason) {
    if (cancelReason != null) {
      return;
    }
    cancelReason = reason == null || reason.isBlank() ? "cancelled by user" : reason;
    progress.warn("Cancel requested: " + cancelReason);
    if (work != null) {
      work.cancel(cancelReason);
    }
  }

  @Override
  public MigrationProgress progress() {
    return progress.snapshot();
  }
}
