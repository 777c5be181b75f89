package org.odcmigrate.migration;

import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workflow's view of its own progress: phase, per-app results, the recent log. Every text a
 * user reads about the run is one of its named events.
 */
final class ProgressTracker {

  private final RecentLog log = new RecentLog();
  private final Map<String, AppProgress> apps = new LinkedHashMap<>();
  private MigrationRequest request;
  private Phase phase = Phase.PREPARATION;
  private MigrationStatus status = MigrationStatus.PENDING;
  private Instant startedAt;
  private Instant finishedAt;
  private String error;
  private int usersMigrated;
  private ProgressMemo memo;
  private LiveControlState control;
  private boolean scheduled;

  void start(MigrationRequest request) {
    this.memo = ProgressMemo.forThisRun();
    this.request = request;
    this.startedAt = now();
    this.status = MigrationStatus.RUNNING;
    info(
        "Data migration "
            + request.migrationId()
            + " from "
            + request.sourceEnvironment()
            + " to "
            + request.targetStage()
            + " started"
            + (request.incrementalFrom() == null
                ? ""
                : ": incremental, only what changed since migration " + request.incrementalFrom()));
  }

  Instant startedAt() {
    return startedAt;
  }

  Phase phase() {
    return phase;
  }

  void phase(Phase next, String message) {
    phase = next;
    info(message);
    publishDetails();
  }

  void control(LiveControlState state) {
    control = state;
  }

  void scheduled(Instant startAt) {
    scheduled = true;
    status = control.paused() ? MigrationStatus.PAUSED : MigrationStatus.SCHEDULED;
    info("Scheduled: the migration starts at " + startAt);
    publishDetails();
  }

  void scheduledStartReached() {
    scheduled = false;
    info("Scheduled start reached");
    if (!control.paused()) {
      status = MigrationStatus.RUNNING;
    }
    publishDetails();
  }

  void holding() {
    info("Paused: holding at the end of " + phase + " until resumed");
  }

  void paused(LiveControlState state) {
    control = state;
    status = MigrationStatus.PAUSED;
    warn(
        "Paused by "
            + state.pausedBy()
            + (state.pauseReason() == null || state.pauseReason().isBlank()
                ? ""
                : " (" + state.pauseReason() + ")")
            + ": no new work starts, running copies hand their ranges back after their batch");
    publishDetails();
  }

  void resumed(String by, LiveControlState state) {
    control = state;
    if (!status.isFinal()) {
      status = scheduled ? MigrationStatus.SCHEDULED : MigrationStatus.RUNNING;
    }
    info("Resumed by " + by + ": the copy goes on from its checkpoints");
    publishDetails();
  }

  void limitsChanged(LiveControlState state) {
    control = state;
    info("Limits now in force: " + state.limits());
  }

  void controlNotPassedOn(String why) {
    error("The pause or the limits did not reach the running copies: " + why);
  }

  void preparationStarted() {
    phase(Phase.PREPARATION, "Preparation: checking the apps, the data model and the data");
  }

  void environmentStopping(String environment) {
    warn(
        "Stopping O11 environment "
            + environment
            + ": its apps stay unavailable until it is started again");
  }

  void environmentKeptRunning(String environment) {
    info(
        "O11 environment "
            + environment
            + " kept running: changes made in it during the run are not migrated");
  }

  void appsUndeployed(List<String> apps) {
    warn("Apps undeployed for the run: " + String.join(", ", apps));
  }

  void appsKeptDeployed() {
    info("Apps kept deployed: changes users make in them during the run may be lost");
  }

  void endUsersSkipped() {
    phase(
        Phase.END_USERS,
        "End users: skipped as requested; references to users not yet in the stage become NULL");
  }

  void endUsersStarted() {
    phase(Phase.END_USERS, "End users: transferring the users of the default Users provider");
  }

  void appDataStarted(int apps) {
    phase(Phase.APP_DATA, "App data: copying " + apps + " apps");
  }

  /** The validation of migrations started before the final recount existed (replayed histories). */
  void validationStartedBeforeRecount() {
    phase(Phase.VALIDATION, "Validation: row counts compared for every entity");
  }

  void validationStarted() {
    phase(Phase.VALIDATION, "Validation: counting every entity in the stage again");
  }

  void validationSkipped() {
    info("Validation: skipped, since not every app was copied");
  }

  void cancelRequested(String reason) {
    warn("Cancel requested: " + reason);
  }

  void nothingCopied() {
    info("Nothing was copied: the stage's app data is untouched");
  }

  void removingCopiedData() {
    warn("Removing the app data copied by this migration");
  }

  void appsRedeployed(List<String> apps) {
    if (!apps.isEmpty()) {
      info("Apps redeployed: " + String.join(", ", apps));
    }
  }

  void redeployFailed(String why) {
    error("Redeploying the apps failed, redeploy them by hand: " + why);
  }

  void planned(MigrationPlan plan) {
    for (AppPlan app : plan.apps()) {
      List<EntityResult> pending = new ArrayList<>();
      app.entities()
          .forEach(
              e -> pending.add(new EntityResult(e, EntityResult.Status.PENDING, 0, 0, 0, null)));
      apps.put(
          app.appKey(),
          new AppProgress(app.appKey(), app.appName(), MigrationStatus.PENDING, pending, null));
    }
    info("Plan: " + plan.apps().size() + " apps, " + plan.entityCount() + " entities");
    plan.derived().forEach(fact -> info("Plan: derived " + fact));
    publishDetails();
  }

  void usersMigrated(UsersResult users) {
    usersMigrated = users.migrated();
    info(
        "End users: "
            + users.migrated()
            + " in the stage ("
            + users.created()
            + " new, "
            + users.updated()
            + " updated, "
            + users.roleAssignments()
            + " role assignments)"
            + (users.skipped() > 0 ? ", " + users.skipped() + " skipped for their email" : ""));
    publishDetails();
  }

  void appStarted(AppPlan app) {
    AppProgress current = apps.get(app.appKey());
    apps.put(
        app.appKey(),
        new AppProgress(
            app.appKey(), app.appName(), MigrationStatus.RUNNING, current.entities(), null));
    info("Copying app " + app.appName() + " (" + app.entities().size() + " entities)");
    publishDetails();
  }

  void appFinished(AppProgress result) {
    apps.put(
        result.appKey(),
        new AppProgress(
            result.appKey(), result.appName(), result.status(), result.entities(), result.error()));
    switch (result.status()) {
      case COMPLETED ->
          info(
              "App "
                  + result.appName()
                  + " copied: "
                  + result.entities().size()
                  + " entities, "
                  + result.rowsWritten()
                  + " rows");
      case CANCELLED -> warn("App " + result.appName() + " cancelled");
      default -> error("App " + result.appName() + " failed: " + result.error());
    }
    for (EntityResult entity : result.entities()) {
      if (request != null && request.incrementalFrom() != null && entity.rangesCopied() > 0) {
        info(
            "Incremental copy of "
                + entity.entity()
                + ": "
                + entity.rangesKept()
                + " key ranges kept, "
                + entity.rangesCopied()
                + " copied, "
                + entity.rowsRecopied()
                + " rows copied again");
      }
      String rewritten = entity.rewrittenValues();
      if (rewritten != null) {
        info("Values rewritten in " + entity.entity() + ": " + rewritten);
      }
    }
    publishDetails();
  }

  /** Each finding of the final validation fails its entity and its app, with what differs. */
  void validated(List<ValidationFinding> findings) {
    if (findings.isEmpty()) {
      info(
          "Validation: every entity's rows and checksum match what was verified, and every foreign key is back");
      return;
    }
    for (ValidationFinding finding : findings) {
      AppProgress app = apps.get(finding.appKey());
      List<EntityResult> entities =
          app.entities().stream()
              .map(
                  e ->
                      e.entity().entityKey().equals(finding.entityKey())
                          ? e.failedValidation(finding.detail())
                          : e)
              .toList();
      String appError =
          app.error() == null ? finding.detail() : app.error() + "; " + finding.detail();
      apps.put(
          app.appKey(),
          new AppProgress(app.appKey(), app.appName(), MigrationStatus.FAILED, entities, appError));
      error("Validation failed: " + finding.detail());
    }
    publishDetails();
  }

  void finish(MigrationStatus finalStatus, String failure) {
    if (finalStatus == MigrationStatus.CANCELLED) {
      apps.replaceAll((key, app) -> app.cancelled());
    }
    status = finalStatus;
    error = failure;
    finishedAt = now();
    phase = Phase.FINISHED;
    ProgressTotals totals = ProgressTotals.of(apps.values());
    switch (finalStatus) {
      case COMPLETED ->
          info(
              "Data migration completed: "
                  + totals.entitiesMigrated()
                  + " entities, "
                  + totals.rowsWritten()
                  + " rows");
      case CANCELLED -> warn("Data migration cancelled" + (failure == null ? "" : ": " + failure));
      default -> error("Data migration failed: " + failure);
    }
    publishDetails();
  }

  void info(String message) {
    log.add(now(), LogLine.Level.INFO, message);
  }

  void warn(String message) {
    log.add(now(), LogLine.Level.WARN, message);
  }

  void error(String message) {
    log.add(now(), LogLine.Level.ERROR, message);
  }

  List<AppProgress> appResults() {
    return List.copyOf(apps.values());
  }

  /**
   * Shows phase and totals in the Temporal UI's "current details", and keeps the progress in the
   * memo for readers without a worker.
   */
  private void publishDetails() {
    if (memo != null) {
      memo.keep(snapshot());
    }
    String details =
        String.format(
            "**%s** — %s%n%nEnd users: %d%n%n%s",
            phase, status, usersMigrated, ProgressTotals.of(apps.values()).details());
    if (request != null && request.incrementalFrom() != null) {
      List<EntityResult> entities =
          apps.values().stream().flatMap(a -> a.entities().stream()).toList();
      details +=
          String.format(
              "%n%nIncremental since %s: key ranges kept %d, copied %d; rows copied again %d",
              request.incrementalFrom(),
              entities.stream().mapToInt(EntityResult::rangesKept).sum(),
              entities.stream().mapToInt(EntityResult::rangesCopied).sum(),
              entities.stream().mapToLong(EntityResult::rowsRecopied).sum());
    }
    Workflow.setCurrentDetails(details);
  }

  MigrationProgress snapshot() {
    ProgressTotals totals = ProgressTotals.of(apps.values());
    return new MigrationProgress(
        request == null ? null : request.migrationId(),
        request == null ? null : request.sourceEnvironment(),
        request == null ? null : request.targetStage(),
        phase,
        status,
        startedAt,
        finishedAt,
        totals.entitiesTotal(),
        totals.entitiesMigrated(),
        totals.rowsWritten(),
        usersMigrated,
        List.copyOf(apps.values()),
        log.lines(),
        error,
        control);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
