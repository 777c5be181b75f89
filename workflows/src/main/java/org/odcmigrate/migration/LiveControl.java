package org.odcmigrate.migration;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.CompletablePromise;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * The pause and the limits inside a workflow: new work waits here while paused, and reads its
 * parallelism here. Waits end on any change and on a cancel, so a paused migration can be
 * cancelled.
 */
final class LiveControl {

  /** How long a copy handed back before its workflow heard of the pause waits for that signal. */
  private static final Duration PAUSE_SIGNAL_WAIT = Duration.ofSeconds(30);

  private LiveControlState state;
  private CompletablePromise<Void> changed = Workflow.newPromise();

  LiveControl(LiveControlState initial) {
    state = initial;
  }

  LiveControlState state() {
    return state;
  }

  boolean paused() {
    return state.paused();
  }

  Limits limits() {
    return state.limits();
  }

  /** Takes {@code next} unless it is older than the state held; true when taken. */
  boolean apply(LiveControlState next) {
    if (next.revision() <= state.revision()) {
      return false;
    }
    state = next;
    CompletablePromise<Void> previous = changed;
    changed = Workflow.newPromise();
    previous.complete(null);
    return true;
  }

  /** Completes at the next change. */
  Promise<Void> changed() {
    return changed;
  }

  /** Returns once not paused, or once the scope is cancelled (the caller's next step then ends). */
  void awaitRunning() {
    while (state.paused() && !CancellationScope.current().isCancelRequested()) {
      Promise.anyOf(changed, CancellationScope.current().getCancellationRequest()).get();
    }
  }

  /**
   * A copy handed back its range for a pause this workflow has not heard of yet (the stage is told
   * before the signal arrives): wait for the signal, then for the resume.
   */
  void awaitPauseThenRunning() {
    if (!state.paused()) {
      Workflow.await(PAUSE_SIGNAL_WAIT, this::paused);
    }
    awaitRunning();
  }
}
