package org.odcmigrate.migration;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * Starts asynchronous steps with at most {@code bound} running at once, none while paused;
 * deterministic.
 */
final class BoundedFanOut {

  private BoundedFanOut() {}

  /**
   * Applies {@code start} to every item, keeping at most {@code bound} promises open (read anew at
   * every start, so a changed limit holds for the next one), and returns the results in item order.
   * The promises must not fail: callers turn failures into values. Once cancelled, it only keeps
   * the bound, so the steps still running finish their cancellation.
   */
  static <T, R> List<R> map(
      List<T> items, LiveControl control, IntSupplier bound, Function<T, Promise<R>> start) {
    List<Promise<R>> all = new ArrayList<>(items.size());
    List<Promise<R>> open = new ArrayList<>();
    for (T item : items) {
      awaitRoom(open, control, bound);
      Promise<R> promise = start.apply(item);
      all.add(promise);
      open.add(promise);
    }
    List<R> results = new ArrayList<>(all.size());
    for (Promise<R> promise : all) {
      results.add(promise.get());
    }
    return results;
  }

  private static <R> void awaitRoom(List<Promise<R>> open, LiveControl control, IntSupplier bound) {
    while (true) {
      open.removeIf(Promise::isCompleted);
      CancellationScope scope = CancellationScope.current();
      boolean cancelled = scope.isCancelRequested();
      boolean full = open.size() >= Math.max(1, bound.getAsInt());
      if (!full && (cancelled || !control.paused())) {
        return;
      }
      awaitChange(open, control, cancelled);
    }
  }

  /**
   * Waits until a step completes or, unless cancelled already, the live control changes or a cancel
   * arrives: whatever can make room for the next start.
   */
  static void awaitChange(List<? extends Promise<?>> open, LiveControl control, boolean cancelled) {
    List<Promise<?>> wake = new ArrayList<>(open);
    if (!cancelled) {
      wake.add(control.changed());
      wake.add(CancellationScope.current().getCancellationRequest());
    }
    Promise.anyOf(wake.toArray(Promise<?>[]::new)).get();
  }
}
