package org.odcmigrate.migration;

import io.temporal.workflow.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Starts asynchronous steps with at most {@code bound} running at once; deterministic. */
final class BoundedFanOut {

  private BoundedFanOut() {}

  /**
   * Applies {@code start} to every item, keeping at most {@code bound} promises open, and returns
   * the results in item order. The promises must not fail: callers turn failures into values.
   */
  static <T, R> List<R> map(List<T> items, int bound, Function<T, Promise<R>> start) {
    List<Promise<R>> all = new ArrayList<>(items.size());
    List<Promise<R>> open = new ArrayList<>();
    for (T item : items) {
      while (open.size() >= Math.max(1, bound)) {
        Promise.anyOf(open).get();
        open.removeIf(Promise::isCompleted);
      }
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
}
