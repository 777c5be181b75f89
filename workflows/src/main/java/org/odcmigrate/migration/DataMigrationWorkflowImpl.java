package org.odcmigrate.migration;

import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
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
  private final MigrationLiveControl live = new MigrationLiveControl(progress);
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
    live.start(request);
    Outcome outcome = run(request);
    cleanUp(request, outcome.status());
    return report(request, outcome);
  }

  /** How the run ended: its status and, unless it completed, why. */
  private record Outcome(MigrationStatus status, String failure) {}

  /** The portal's four steps, in a scope that a cancel stops. */
  private Outcome run(MigrationRequest request) {
    try {
      work =
          Workflow.newCancellationScope(
              () -> {
                reports.recordStart(request);
                live.awaitScheduledStart();
                live.holdIfPaused();
                prepare(request);
                live.holdIfPaused();
                migrateEndUsers(request);
                live.holdIfPaused();
                copyAppData(request);
                live.holdIfPaused();
                validate(request);
              });
      if (cancelReason != null) {
        work.cancel(cancelReason);
      }
      work.run();
      List<AppProgress> failed =
          progress.appResults().stream()
              .filter(a -> a.status() != MigrationStatus.COMPLETED)
              .toList();
      if (failed.isEmpty()) {
        return new Outcome(MigrationStatus.COMPLETED, null);
      }
      List<String> named =
          failed.stream()
              .map(a -> a.appName() + (a.error() == null ? "" : " (" + a.error() + ")"))
              .toList();
      return new Outcome(MigrationStatus.FAILED, "apps not migrated: " + String.join(", ", named));
    } catch (RuntimeException e) {
      if (isCancelled(e)) {
        return new Outcome(
            MigrationStatus.CANCELLED,
            cancelReason != null ? cancelReason : "cancel requested in Temporal");
      }
      return new Outcome(MigrationStatus.FAILED, Failures.userMessage(e));
    }
  }

  /** Whatever the outcome: a cancelled run's copied data goes, undeployed apps come back. */
  private void cleanUp(MigrationRequest request, MigrationStatus status) {
    if (status == MigrationStatus.CANCELLED) {
      Workflow.newDetachedCancellationScope(() -> removeCopiedData(request)).run();
    }
    // Cancelled before its scheduled start: nothing was undeployed, the stage stays untouched.
    if (request.undeployApps() && !live.cancelledBeforeStart()) {
      Workflow.newDetachedCancellationScope(() -> redeployApps(request)).run();
    }
  }

  private MigrationReport report(MigrationRequest request, Outcome outcome) {
    progress.finish(outcome.status(), outcome.failure());
    MigrationProgress last = progress.snapshot();
    MigrationReport report =
        new MigrationReport(
            request,
            outcome.status(),
            last.startedAt(),
            last.finishedAt(),
            last.usersMigrated(),
            progress.appResults(),
            last.log(),
            outcome.failure());
    Workflow.newDetachedCancellationScope(() -> reports.saveReport(report)).run();
    return report;
  }

  /** PREPARATION: the plan and its checks, then the environment and the apps as the user chose. */
  private void prepare(MigrationRequest request) {
    progress.preparationStarted();
    PlanningActivities planning =
        Workflow.newActivityStub(PlanningActivities.class, StepOptions.scanStep(request.options()));
    plan = planning.planMigration(request);
    progress.planned(plan);
    if (request.stopEnvironment()) {
      progress.environmentStopping(request.sourceEnvironment());
      control.stopEnvironment(request.sourceEnvironment());
    } else {
      progress.environmentKeptRunning(request.sourceEnvironment());
    }
    if (request.undeployApps()) {
      progress.appsUndeployed(
          control.undeployApps(
              request.migrationId(),
              request.targetStage(),
              plan.apps().stream().map(AppPlan::appKey).toList()));
    } else {
      progress.appsKeptDeployed();
    }
  }

  /** END USERS: the default provider's users upserted into the stage, unless skipped. */
  private void migrateEndUsers(MigrationRequest request) {
    if (request.skipEndUsers()) {
      progress.endUsersSkipped();
      return;
    }
    progress.endUsersStarted();
    UserActivities users =
        Workflow.newActivityStub(UserActivities.class, StepOptions.scanStep(request.options()));
    progress.usersMigrated(
        users.migrateUsers(request, plan.apps().stream().map(AppPlan::appKey).toList()));
  }

  /** APP DATA: one child workflow per app, a bounded number at a time. */
  private void copyAppData(MigrationRequest request) {
    progress.appDataStarted(plan.apps().size());
    live.copyingStarted();
    BoundedFanOut.map(
        plan.apps(),
        live.gate(),
        () -> live.gate().limits().parallelApps(),
        app -> startApp(request, app));
    if (CancellationScope.current().isCancelRequested()) {
      throw new CanceledFailure(cancelReason == null ? "cancel requested" : cancelReason);
    }
  }

  /**
   * VALIDATION: with every app's foreign keys back, the stage is counted again against what the
   * copy verified, so a batch lost after its verification (a crashed server that acknowledged it)
   * or a change made in the stage meanwhile fails the migration instead of being reported as
   * migrated.
   */
  private void validate(MigrationRequest request) {
    if (Workflow.getVersion(FINAL_VALIDATION, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      progress.validationStartedBeforeRecount();
      return;
    }
    progress.validationStarted();
    boolean allCopied =
        progress.appResults().stream().allMatch(a -> a.status() == MigrationStatus.COMPLETED);
    if (!allCopied) {
      progress.validationSkipped();
      return;
    }
    AppSchemaActivities schema =
        Workflow.newActivityStub(
            AppSchemaActivities.class, StepOptions.tableStep(request.options()));
    // The figures the copy verified, not the checkpoints: a crash reverts a batch together with
    // its checkpoint, so only these still know the rows were there.
    progress.validated(
        schema.validateStage(
            request.migrationId(),
            request.targetStage(),
            plan.apps(),
            VerifiedEntity.of(progress.appResults()),
            live.gate().limits().parallelEntities()));
  }

  private Promise<AppProgress> startApp(MigrationRequest request, AppPlan app) {
    progress.appStarted(app);
    AppDataMigrationWorkflow child =
        Workflow.newChildWorkflowStub(
            AppDataMigrationWorkflow.class,
            AppDataMigrationWorkflow.options(request.targetStage(), app));
    live.childStarted(app.appKey(), child);
    return Async.function(
            child::migrateApp, new AppMigrationInput(request, app, List.of(), live.gate().state()))
        .handle(
            (result, failure) -> {
              live.childFinished(app.appKey());
              AppProgress outcome = failure == null ? result : failedApp(app, failure);
              progress.appFinished(outcome);
              return outcome;
            });
  }

  private AppProgress failedApp(AppPlan app, RuntimeException failure) {
    MigrationStatus status =
        Failures.isCancellation(failure) ? MigrationStatus.CANCELLED : MigrationStatus.FAILED;
    AppProgress last =
        progress.snapshot().apps().stream()
            .filter(a -> a.appKey().equals(app.appKey()))
            .findFirst()
            .orElseThrow();
    String error = status == MigrationStatus.CANCELLED ? null : Failures.userMessage(failure);
    return new AppProgress(app.appKey(), app.appName(), status, last.entities(), error);
  }

  private void removeCopiedData(MigrationRequest request) {
    if (plan == null
        || progress.phase() == Phase.PREPARATION
        || progress.phase() == Phase.END_USERS) {
      progress.nothingCopied();
      return;
    }
    progress.removingCopiedData();
    Workflow.newActivityStub(AppSchemaActivities.class, StepOptions.tableStep(request.options()))
        .deleteCopiedData(request.migrationId(), request.targetStage(), plan.apps());
  }

  /** Whatever the outcome, the apps this run undeployed are deployed again. */
  private void redeployApps(MigrationRequest request) {
    try {
      progress.appsRedeployed(control.redeployApps(request.migrationId(), request.targetStage()));
    } catch (RuntimeException e) {
      progress.redeployFailed(Failures.userMessage(e));
    }
  }

  private boolean isCancelled(RuntimeException e) {
    return cancelReason != null
        || Failures.isCancellation(e)
        || CancellationScope.current().isCancelRequested();
  }

  @Override
  public void cancel(String reason) {
    if (cancelReason != null) {
      return;
    }
    cancelReason = reason == null || reason.isBlank() ? "cancelled by user" : reason;
    progress.cancelRequested(cancelReason);
    if (work != null) {
      work.cancel(cancelReason);
    }
  }

  @Override
  public void pause(PauseRequest request) {
    live.pause(request);
  }

  @Override
  public void resume(String by) {
    live.resume(by);
  }

  @Override
  public Limits setLimits(Limits limits) {
    return live.setLimits(limits);
  }

  @Override
  public void validateLimits(Limits limits) {
    live.validate(limits);
  }

  @Override
  public MigrationProgress progress() {
    return progress.snapshot();
  }
}
