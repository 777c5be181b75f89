package org.odcmigrate.migration;

import java.time.Instant;
import java.util.List;

/**
 * The workflow's account of its own run, as named events in the order of the portal's steps. Every
 * text a user reads about the run is one of these events; {@link ProgressState} keeps what they
 * change and publishes it.
 */
final class ProgressTracker {

  private final ProgressState state = new ProgressState();
  private boolean scheduled;

  void start(MigrationRequest request) {
    state.start(request);
    state.info(
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
    return state.startedAt();
  }

  Phase phase() {
    return state.phase();
  }

  private void phase(Phase next, String message) {
    state.phase(next);
    state.info(message);
    state.publish();
  }

  // Live control: the scheduled start, pause, resume and limits.

  void control(LiveControlState control) {
    state.control(control);
  }

  void scheduled(Instant startAt) {
    scheduled = true;
    state.status(state.control().paused() ? MigrationStatus.PAUSED : MigrationStatus.SCHEDULED);
    state.info("Scheduled: the migration starts at " + startAt);
    state.publish();
  }

  void scheduledStartReached() {
    scheduled = false;
    state.info("Scheduled start reached");
    if (!state.control().paused()) {
      state.status(MigrationStatus.RUNNING);
    }
    state.publish();
  }

  void holding() {
    state.info("Paused: holding at the end of " + state.phase() + " until resumed");
  }

  void paused(LiveControlState control) {
    state.control(control);
    state.status(MigrationStatus.PAUSED);
    state.warn(
        "Paused by "
            + control.pausedBy()
            + (control.pauseReason() == null || control.pauseReason().isBlank()
                ? ""
                : " (" + control.pauseReason() + ")")
            + ": no new work starts, running copies hand their ranges back after their batch");
    state.publish();
  }

  void resumed(String by, LiveControlState control) {
    state.control(control);
    if (!state.status().isFinal()) {
      state.status(scheduled ? MigrationStatus.SCHEDULED : MigrationStatus.RUNNING);
    }
    state.info("Resumed by " + by + ": the copy goes on from its checkpoints");
    state.publish();
  }

  void limitsChanged(LiveControlState control) {
    state.control(control);
    state.info("Limits now in force: " + control.limits());
  }

  void controlNotPassedOn(String why) {
    state.error("The pause or the limits did not reach the running copies: " + why);
  }

  // Preparation.

  void preparationStarted() {
    phase(Phase.PREPARATION, "Preparation: checking the apps, the data model and the data");
  }

  void planned(MigrationPlan plan) {
    state.plan(plan);
    state.info("Plan: " + plan.apps().size() + " apps, " + plan.entityCount() + " entities");
    plan.derived().forEach(fact -> state.info("Plan: derived " + fact));
    state.publish();
  }

  void environmentStopping(String environment) {
    state.warn(
        "Stopping O11 environment "
            + environment
            + ": its apps stay unavailable until it is started again");
  }

  void environmentKeptRunning(String environment) {
    state.info(
        "O11 environment "
            + environment
            + " kept running: changes made in it during the run are not migrated");
  }

  void appsUndeployed(List<String> apps) {
    state.warn("Apps undeployed for the run: " + String.join(", ", apps));
  }

  void appsKeptDeployed() {
    state.info("Apps kept deployed: changes users make in them during the run may be lost");
  }

  // End users.

  void endUsersSkipped() {
    phase(
        Phase.END_USERS,
        "End users: skipped as requested; references to users not yet in the stage become NULL");
  }

  void endUsersStarted() {
    phase(Phase.END_USERS, "End users: transferring the users of the default Users provider");
  }

  void usersMigrated(UsersResult users) {
    state.usersMigrated(users.migrated());
    state.info(
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
    state.publish();
  }

  // App data.

  void appDataStarted(int apps) {
    phase(Phase.APP_DATA, "App data: copying " + apps + " apps");
  }

  void appStarted(AppPlan app) {
    state.appRunning(app);
    state.info("Copying app " + app.appName() + " (" + app.entities().size() + " entities)");
    state.publish();
  }

  void appFinished(AppProgress result) {
    state.appEnded(result);
    switch (result.status()) {
      case COMPLETED ->
          state.info(
              "App "
                  + result.appName()
                  + " copied: "
                  + result.entities().size()
                  + " entities, "
                  + result.rowsWritten()
                  + " rows");
      case CANCELLED -> state.warn("App " + result.appName() + " cancelled");
      default -> state.error("App " + result.appName() + " failed: " + result.error());
    }
    for (EntityResult entity : result.entities()) {
      if (state.incremental() && entity.rangesCopied() > 0) {
        state.info(
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
        state.info("Values rewritten in " + entity.entity() + ": " + rewritten);
      }
    }
    state.publish();
  }

  // Validation.

  /** The validation of migrations started before the final recount existed (replayed histories). */
  void validationStartedBeforeRecount() {
    phase(Phase.VALIDATION, "Validation: row counts compared for every entity");
  }

  void validationStarted() {
    phase(Phase.VALIDATION, "Validation: counting every entity in the stage again");
  }

  void validationSkipped() {
    state.info("Validation: skipped, since not every app was copied");
  }

  /** Each finding of the final validation fails its entity and its app, with what differs. */
  void validated(List<ValidationFinding> findings) {
    if (findings.isEmpty()) {
      state.info(
          "Validation: every entity's rows and checksum match what was verified, and every foreign key is back");
      return;
    }
    for (ValidationFinding finding : findings) {
      state.failValidation(finding);
      state.error("Validation failed: " + finding.detail());
    }
    state.publish();
  }

  // Cancel and clean-up.

  void cancelRequested(String reason) {
    state.warn("Cancel requested: " + reason);
  }

  void nothingCopied() {
    state.info("Nothing was copied: the stage's app data is untouched");
  }

  void removingCopiedData() {
    state.warn("Removing the app data copied by this migration");
  }

  void appsRedeployed(List<String> apps) {
    if (!apps.isEmpty()) {
      state.info("Apps redeployed: " + String.join(", ", apps));
    }
  }

  void redeployFailed(String why) {
    state.error("Redeploying the apps failed, redeploy them by hand: " + why);
  }

  // The end.

  void finish(MigrationStatus finalStatus, String failure) {
    ProgressTotals totals = state.finish(finalStatus, failure);
    switch (finalStatus) {
      case COMPLETED ->
          state.info(
              "Data migration completed: "
                  + totals.entitiesMigrated()
                  + " entities, "
                  + totals.rowsWritten()
                  + " rows");
      case CANCELLED ->
          state.warn("Data migration cancelled" + (failure == null ? "" : ": " + failure));
      default -> state.error("Data migration failed: " + failure);
    }
    state.publish();
  }

  List<AppProgress> appResults() {
    return state.appResults();
  }

  MigrationProgress snapshot() {
    return state.snapshot();
  }
}
