package org.odcmigrate.migration;

import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parent's side of pause, resume, limits and scheduled start: it keeps the state, passes it to
 * the running app children and tells the running copies through the stage.
 */
final class MigrationLiveControl {

  /** The change id of the scheduled start, so histories recorded before it replay. */
  static final String SCHEDULED_START = "scheduled-start";

  private final ProgressTracker progress;
  private final Map<String, AppDataMigrationWorkflow> children = new LinkedHashMap<>();
  private LiveControl control;
  private MigrationRequest request;
  private CopyActivities copies;
  private boolean copying;
  private boolean waitingForStart;

  MigrationLiveControl(ProgressTracker progress) {
    this.progress = progress;
  }

  void start(MigrationRequest request) {
    this.request = request;
    this.copies = Workflow.newActivityStub(CopyActivities.class, StepOptions.shortStep());
    control = new LiveControl(LiveControlState.initial(request.options(), request.startAt()));
    progress.control(control.state());
  }

  LiveControl gate() {
    return control;
  }

  /**
   * Waits on a durable timer until the requested start, if it is still ahead; a cancel ends the
   * wait (with a cancellation). A paused migration then waits for its resume as well.
   */
  void awaitScheduledStart() {
    Instant startAt = request.startAt();
    if (startAt == null
        || Workflow.getVersion(SCHEDULED_START, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      return;
    }
    Duration wait = Duration.between(Instant.ofEpochMilli(Workflow.currentTimeMillis()), startAt);
    if (!wait.isNegative() && !wait.isZero()) {
      progress.scheduled(startAt);
      waitingForStart = true;
      Workflow.newTimer(wait).get();
      waitingForStart = false;
      progress.scheduledStartReached();
    }
  }

  /** The run ended while it waited for its scheduled start. */
  boolean cancelledBeforeStart() {
    return waitingForStart;
  }

  /** Where a pause asked during a phase takes effect: at its end. */
  void holdIfPaused() {
    if (control.paused()) {
      progress.holding();
    }
    control.awaitRunning();
  }

  void pause(PauseRequest request) {
    if (control == null || control.paused()) {
      return;
    }
    PauseRequest asked =
        new PauseRequest(
            request == null || request.by() == null || request.by().isBlank()
                ? "someone in the Temporal UI"
                : request.by(),
            request == null ? null : request.reason());
    change(control.state().paused(asked, now()), false);
    progress.paused(control.state());
  }

  void resume(String by) {
    if (control == null || !control.paused()) {
      return;
    }
    change(control.state().resumed(), true);
    progress.resumed(
        by == null || by.isBlank() ? "someone in the Temporal UI" : by, control.state());
  }

  Limits setLimits(Limits limits) {
    change(control.state().limited(limits), true);
    progress.limitsChanged(control.state());
    return control.limits();
  }

  /** The update's validator: nothing changes, and the caller learns which field is wrong. */
  void validate(Limits limits) {
    if (progress.phase() == Phase.FINISHED) {
      throw new IllegalStateException("the migration has finished: its limits no longer apply");
    }
    if (limits == null) {
      throw new IllegalArgumentException("give the limits to set");
    }
    if (!limits.problems().isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", limits.problems()));
    }
  }

  /** The copies start: if the control changed before, they must read it from the first batch. */
  void copyingStarted() {
    copying = true;
    if (control.state().revision() > 0) {
      tellCopies(control.state());
    }
  }

  void childStarted(String appKey, AppDataMigrationWorkflow child) {
    children.put(appKey, child);
  }

  void childFinished(String appKey) {
    children.remove(appKey);
  }

  /**
   * On a pause the children hear first (no new work), then the copies; on a resume or new limits
   * the stage first, so copies the children start then already read the new values.
   */
  private void change(LiveControlState next, boolean stageFirst) {
    control.apply(next);
    Async.procedure(
        () -> {
          try {
            if (stageFirst) {
              tellCopies(next);
              tellChildren(next);
            } else {
              tellChildren(next);
              tellCopies(next);
            }
          } catch (RuntimeException e) {
            progress.controlNotPassedOn(Failures.userMessage(e));
          }
        });
  }

  private void tellCopies(LiveControlState state) {
    if (copying) {
      copies.controlCopies(request.migrationId(), request.targetStage(), state.copyControl());
    }
  }

  private void tellChildren(LiveControlState state) {
    for (AppDataMigrationWorkflow child : List.copyOf(children.values())) {
      try {
        child.control(state);
      } catch (RuntimeException e) {
        // The child closed meanwhile: nothing left to tell it.
      }
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
