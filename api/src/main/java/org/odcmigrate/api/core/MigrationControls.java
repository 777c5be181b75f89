package org.odcmigrate.api.core;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import org.odcmigrate.migration.Limits;
import org.odcmigrate.migration.MigrationStatus;
import org.odcmigrate.migration.PauseRequest;

/**
 * Pause, resume and limits of a running migration: the workflow's {@code pause} and {@code resume}
 * signals and its {@code setLimits} update, with a conflict when the migration is not in a state
 * where they apply.
 */
public class MigrationControls {

  private final MigrationWorkflows workflows;
  private final LiveProgress live;
  private final MigrationFinder finder;

  public MigrationControls(
      MigrationWorkflows workflows, LiveProgress live, MigrationFinder finder) {
    this.workflows = workflows;
    this.live = live;
    this.finder = finder;
  }

  /** Signals {@code pause}; a conflict when not running or already paused. */
  public ControlAccepted pause(String id, String by, String reason) {
    LiveProgress.RunningMigration running = running(id, "paused");
    if (running.status().filter(s -> s == MigrationStatus.PAUSED).isPresent()) {
      throw conflict(id, "migration " + id + " is already paused: resume it first");
    }
    signal(id, running, "pause", new PauseRequest(by, reason));
    return new ControlAccepted(id, running.stage(), "pause", null);
  }

  /** Signals {@code resume}; a conflict when not paused. */
  public ControlAccepted resume(String id, String by) {
    LiveProgress.RunningMigration running = running(id, "resumed");
    if (running.status().filter(s -> s == MigrationStatus.PAUSED).isEmpty()) {
      throw conflict(
          id,
          "migration "
              + id
              + " is "
              + running.status().map(Enum::name).orElse("not known to be paused")
              + ", not PAUSED: only a paused migration can be resumed");
    }
    signal(id, running, "resume", by);
    return new ControlAccepted(id, running.stage(), "resume", null);
  }

  /**
   * Sends the {@code setLimits} update and returns the limits in force; it needs a worker, which
   * answers within seconds.
   */
  public ControlAccepted limits(String id, Limits limits) {
    LiveProgress.RunningMigration running = running(id, "given new limits");
    if (running.status().isEmpty()) {
      throw new WorkerUnavailableException(
          "no worker answers for migration "
              + id
              + ": new limits need a running worker; start one and try again");
    }
    WorkflowExecution execution = running.execution();
    try {
      Limits inForce = stub(execution).update("setLimits", Limits.class, limits);
      return new ControlAccepted(id, running.stage(), "limits", inForce);
    } catch (WorkflowUpdateException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new InvalidValueException(
          cause instanceof ApplicationFailure app ? app.getOriginalMessage() : cause.getMessage());
    }
  }

  private LiveProgress.RunningMigration running(String id, String what) {
    Optional<LiveProgress.RunningMigration> running = live.running(id);
    if (running.isEmpty() || running.get().finished()) {
      MigrationStatus status =
          running.flatMap(LiveProgress.RunningMigration::status).orElse(finder.get(id).status());
      throw conflict(
          id,
          "migration "
              + id
              + " is "
              + status
              + ", not running: only a running migration can be "
              + what);
    }
    return running.get();
  }

  private void signal(
      String id, LiveProgress.RunningMigration running, String signal, Object argument) {
    try {
      // A signal needs no worker: Temporal keeps it until one takes the workflow up again.
      stub(running.execution()).signal(signal, argument);
    } catch (WorkflowNotFoundException e) {
      throw conflict(id, "migration " + id + " closed meanwhile: " + finder.get(id).status());
    }
  }

  private WorkflowStub stub(WorkflowExecution execution) {
    return workflows
        .client()
        .newUntypedWorkflowStub(
            execution.getWorkflowId(), Optional.of(execution.getRunId()), Optional.empty());
  }

  private static MigrationConflictException conflict(String id, String message) {
    return new MigrationConflictException(MigrationConflictException.Kind.NOT_RUNNING, id, message);
  }
}
