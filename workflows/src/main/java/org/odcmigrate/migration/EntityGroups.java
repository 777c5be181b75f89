package org.odcmigrate.migration;

import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hands an app's entities out in groups, at most {@code parallelEntities} groups at once and none
 * while paused; deterministic. A group is the queued entities shared out over the free slots, up to
 * {@link #MAX_GROUP}, so a few entities still run side by side and many small ones need few
 * activities. Entities a group hands back are given out again first, in smaller groups. Once
 * cancelled, no group is given out.
 */
final class EntityGroups {

  /** A group's activity stays short enough for progress and retries to stay meaningful. */
  static final int MAX_GROUP = 50;

  /** Some entities given out together; {@link #handBack} returns those not copied. */
  final class Group {
    private final List<EntityRef> entities;

    private Group(List<EntityRef> entities) {
      this.entities = entities;
    }

    List<EntityRef> entities() {
      return entities;
    }

    /**
     * Puts the entities the group's activity did not reach back at the head of the queue, in their
     * order. Groups that stop early (at entities of several key ranges) get smaller, so entities
     * are not sent again and again; groups that get through grow back.
     */
    void handBack(List<EntityRef> notReached) {
      for (int i = notReached.size() - 1; i >= 0; i--) {
        queue.addFirst(notReached.get(i));
      }
      int reached = entities.size() - notReached.size();
      limit =
          notReached.isEmpty()
              ? Math.min(MAX_GROUP, limit * 2)
              : Math.max(1, Math.min(MAX_GROUP, reached * 2));
    }
  }

  private final Deque<EntityRef> queue;
  private final LiveControl control;
  private final Consumer<Group> copy;
  private int limit = MAX_GROUP;

  EntityGroups(List<EntityRef> entities, LiveControl control, Consumer<Group> copy) {
    this.queue = new ArrayDeque<>(entities);
    this.control = control;
    this.copy = copy;
  }

  /**
   * Returns once every entity was given out and every group finished, or once cancelled with the
   * entities never given out.
   */
  List<EntityRef> run() {
    List<Promise<Void>> open = new ArrayList<>();
    while (true) {
      open.removeIf(Promise::isCompleted);
      boolean cancelled = CancellationScope.current().isCancelRequested();
      int slots = Math.max(1, control.limits().parallelEntities());
      boolean canStart = !queue.isEmpty() && !cancelled && !control.paused() && open.size() < slots;
      if (canStart) {
        Group group = new Group(take(groupSize(queue.size(), slots - open.size(), limit)));
        open.add(Async.procedure(() -> copy.accept(group)));
        continue;
      }
      if (open.isEmpty() && (queue.isEmpty() || cancelled)) {
        return List.copyOf(queue);
      }
      BoundedFanOut.awaitChange(open, control, cancelled);
    }
  }

  /** The queue shared out over the free slots, at most {@code limit}. */
  static int groupSize(int queued, int freeSlots, int limit) {
    int share = (queued + freeSlots - 1) / freeSlots;
    return Math.max(1, Math.min(limit, Math.min(queued, share)));
  }

  private List<EntityRef> take(int count) {
    List<EntityRef> taken = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      taken.add(queue.pollFirst());
    }
    return List.copyOf(taken);
  }
}
