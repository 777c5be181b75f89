package org.odcmigrate.api.core;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.odcmigrate.migration.MigrationStatus;
import org.odcmigrate.migration.Phase;
import org.odcmigrate.report.MigrationStore;

/**
 * Finds migrations again: the running one of a stage through {@link LiveProgress}, finished ones
 * through the report kept in the stage.
 */
public class MigrationFinder {

  private final MigrationWorkflows workflows;
  private final LiveProgress live;

  public MigrationFinder(MigrationWorkflows workflows, LiveProgress live) {
    this.workflows = workflows;
    this.live = live;
  }

  /** The migration with this id, live while it runs, from its stored report afterwards. */
  public MigrationView get(String id) {
    for (String stage : workflows.stageNames()) {
      Optional<WorkflowExecutionDescription> current = workflows.describe(stage);
      boolean isCurrent =
          current.isPresent() && id.equals(MigrationWorkflows.memoId(current.get()));
      if (isCurrent && MigrationWorkflows.isRunning(current.get())) {
        return live.of(stage, current.get());
      }
      Optional<MigrationView> stored = stored(stage, id, isCurrent ? current.get() : null);
      if (stored.isPresent()) {
        return stored.get();
      }
      if (isCurrent) {
        return closedWithoutReport(stage, id, null, current.get());
      }
    }
    throw new MigrationNotFoundException(id);
  }

  /**
   * The migrations of every configured stage, newest first: stored ones with their reports' totals,
   * the running one of each stage live.
   */
  public List<MigrationSummary> list(int limit, int offset) {
    List<MigrationSummary> all = new ArrayList<>();
    for (String stage : workflows.stageNames()) {
      Optional<WorkflowExecutionDescription> current = workflows.describe(stage);
      String currentId = current.map(MigrationWorkflows::memoId).orElse(null);
      boolean running = current.isPresent() && MigrationWorkflows.isRunning(current.get());
      boolean currentListed = false;
      for (MigrationStore.Summary stored :
          workflows
              .readStage(stage, c -> MigrationStore.summaries(c, limit + offset))
              .orElse(List.of())) {
        boolean isCurrent = stored.migrationId().equals(currentId);
        currentListed |= isCurrent;
        if (stored.reported()) {
          all.add(summary(stage, stored));
        } else if (isCurrent && running) {
          all.add(MigrationSummary.of(live.of(stage, current.get())));
        } else {
          all.add(
              MigrationSummary.of(
                  closedWithoutReport(
                      stage, stored.migrationId(), stored, isCurrent ? current.get() : null)));
        }
      }
      // Started but not recorded in the stage yet, or stopped in Temporal before it could be.
      if (current.isPresent() && currentId != null && !currentListed) {
        all.add(
            MigrationSummary.of(
                running
                    ? live.of(stage, current.get())
                    : closedWithoutReport(stage, currentId, null, current.get())));
      }
    }
    return all.stream()
        .sorted(
            Comparator.comparing(
                    MigrationSummary::startedAt,
                    Comparator.nullsFirst(Comparator.<Instant>reverseOrder()))
                .thenComparing(
                    MigrationSummary::id, Comparator.nullsFirst(Comparator.<String>reverseOrder())))
        .skip(offset)
        .limit(limit)
        .toList();
  }

  /** How many configured stages run a migration now (one Temporal call per stage). */
  public int running() {
    return (int)
        workflows.stageNames().stream()
            .filter(
                stage ->
                    workflows.describe(stage).filter(MigrationWorkflows::isRunning).isPresent())
            .count();
  }

  /**
   * Log lines numbered above {@code after}: the workflow's recent lines while it runs, its report's
   * afterwards.
   */
  public MigrationLog logs(String id, int after) {
    return MigrationLog.after(get(id), after);
  }

  /** Every app's entities with their row counts. */
  public MigrationEntities entities(String id) {
    return MigrationEntities.of(get(id));
  }

  /**
   * A migration that has stopped without writing its report: its workflow was terminated, timed out
   * or cancelled in Temporal, or Temporal no longer knows it. Never shown as RUNNING.
   */
  private static MigrationView closedWithoutReport(
      String stage,
      String id,
      MigrationStore.Summary stored,
      WorkflowExecutionDescription description) {
    String reason =
        description == null
            ? "the workflow is no longer running in Temporal and left no report (terminated, or removed after the"
                + " namespace's retention period)"
            : switch (description.getStatus()) {
              case WORKFLOW_EXECUTION_STATUS_TERMINATED ->
                  "the workflow was terminated in Temporal";
              case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> "the workflow timed out in Temporal";
              case WORKFLOW_EXECUTION_STATUS_CANCELED -> "the workflow was cancelled in Temporal";
              default -> "the workflow closed as " + description.getStatus() + " without a report";
            };
    MigrationStatus status =
        description != null
                && description.getStatus()
                    == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED
            ? MigrationStatus.CANCELLED
            : MigrationStatus.FAILED;
    Instant started = stored != null ? stored.startedAt() : description.getStartTime();
    Instant closed = description != null ? description.getCloseTime() : null;
    long elapsed =
        started == null || closed == null ? 0 : Duration.between(started, closed).toSeconds();
    return new MigrationView(
        id,
        stored == null ? null : stored.sourceEnvironment(),
        stage,
        status,
        Phase.FINISHED,
        started,
        closed,
        Math.max(0, elapsed),
        0,
        0,
        0,
        0,
        List.of(),
        List.of(),
        reason);
  }

  private static MigrationSummary summary(String stage, MigrationStore.Summary s) {
    long elapsed =
        s.finishedAt() == null ? 0 : Duration.between(s.startedAt(), s.finishedAt()).toSeconds();
    return new MigrationSummary(
        s.migrationId(),
        s.sourceEnvironment(),
        stage,
        MigrationStatus.valueOf(s.status()),
        Phase.FINISHED,
        s.startedAt(),
        s.finishedAt(),
        elapsed,
        s.entitiesTotal(),
        s.entitiesMigrated(),
        s.rowsWritten(),
        s.usersMigrated(),
        s.error(),
        true,
        null);
  }

  /** The stored report, or the stored row of a migration that closed without one. */
  private Optional<MigrationView> stored(
      String stage, String id, WorkflowExecutionDescription current) {
    return workflows.readStage(
        stage,
        connection -> {
          Optional<MigrationStore.StoredMigration> stored = MigrationStore.find(connection, id);
          if (stored.isEmpty()) {
            return null;
          }
          if (stored.get().report() != null) {
            return MigrationView.of(stored.get().report());
          }
          return closedWithoutReport(
              stage, id, MigrationStore.summary(connection, id).orElse(null), current);
        });
  }
}
