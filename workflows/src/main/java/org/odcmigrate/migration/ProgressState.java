package org.odcmigrate.migration;

import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a migration's workflow knows of its run, and where it shows it: the {@code progress} query's
 * snapshot, the memo for readers without a worker, and the Temporal UI's current details. {@link
 * ProgressTracker} decides what happened and says it; this class only keeps and publishes.
 */
final class ProgressState {

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

  void start(MigrationRequest request) {
    this.memo = ProgressMemo.forThisRun();
    this.request = request;
    this.startedAt = now();
    this.status = MigrationStatus.RUNNING;
  }

  /** Whether this run copies only what changed since an earlier migration. */
  boolean incremental() {
    return request != null && request.incrementalFrom() != null;
  }

  Instant startedAt() {
    return startedAt;
  }

  Phase phase() {
    return phase;
  }

  void phase(Phase next) {
    phase = next;
  }

  MigrationStatus status() {
    return status;
  }

  void status(MigrationStatus next) {
    status = next;
  }

  LiveControlState control() {
    return control;
  }

  void control(LiveControlState state) {
    control = state;
  }

  void usersMigrated(int users) {
    usersMigrated = users;
  }

  /** Every planned app and entity, pending. */
  void plan(MigrationPlan plan) {
    for (AppPlan app : plan.apps()) {
      List<EntityResult> pending = new ArrayList<>();
      app.entities()
          .forEach(
              e -> pending.add(new EntityResult(e, EntityResult.Status.PENDING, 0, 0, 0, null)));
      apps.put(
          app.appKey(),
          new AppProgress(app.appKey(), app.appName(), MigrationStatus.PENDING, pending, null));
    }
  }

  void appRunning(AppPlan app) {
    AppProgress current = apps.get(app.appKey());
    apps.put(
        app.appKey(),
        new AppProgress(
            app.appKey(), app.appName(), MigrationStatus.RUNNING, current.entities(), null));
  }

  void appEnded(AppProgress result) {
    apps.put(
        result.appKey(),
        new AppProgress(
            result.appKey(), result.appName(), result.status(), result.entities(), result.error()));
  }

  /** Fails the finding's entity and its app, adding what differs to the app's error. */
  void failValidation(ValidationFinding finding) {
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
  }

  /** The run has ended: a cancelled run's apps say what was copied and then removed. */
  ProgressTotals finish(MigrationStatus finalStatus, String failure) {
    if (finalStatus == MigrationStatus.CANCELLED) {
      apps.replaceAll((key, app) -> app.cancelled());
    }
    status = finalStatus;
    error = failure;
    finishedAt = now();
    phase = Phase.FINISHED;
    return ProgressTotals.of(apps.values());
  }

  List<AppProgress> appResults() {
    return List.copyOf(apps.values());
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

  /**
   * Shows phase and totals in the Temporal UI's "current details", and keeps the progress in the
   * memo for readers without a worker.
   */
  void publish() {
    if (memo != null) {
      memo.keep(snapshot());
    }
    String details =
        String.format(
            "**%s** — %s%n%nEnd users: %d%n%n%s",
            phase, status, usersMigrated, ProgressTotals.of(apps.values()).details());
    if (incremental()) {
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
