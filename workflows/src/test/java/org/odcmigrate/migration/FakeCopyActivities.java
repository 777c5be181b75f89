package org.odcmigrate.migration;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies nothing but behaves like the copy engine as the workflow sees it: key ranges, row counts,
 * rejected data, transient errors, and copies that run until cancelled while heartbeating.
 */
final class FakeCopyActivities implements CopyActivities {

  static final long DEFAULT_ROWS = 100;
  private static final long HEARTBEAT_EVERY_MILLIS = 100;
  private static final long BLOCK_LIMIT_MILLIS = 30_000;

  private final CallLog calls;
  private final Map<String, Integer> ranges = new ConcurrentHashMap<>();
  private final Map<String, Long> rows = new ConcurrentHashMap<>();
  private final Map<String, String> rejections = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> transientFailures = new ConcurrentHashMap<>();
  private final Map<String, ConcurrencyGauge> entitiesPerApp = new ConcurrentHashMap<>();
  private final Arrivals copying = new Arrivals();
  private final Gate released = new Gate();
  private volatile int meetEntities = 1;
  private volatile boolean blocking;
  private volatile boolean smallEntitiesInOneStep;
  private volatile CopyControl control = new CopyControl(0, false, 0);
  private final Arrivals handedBack = new Arrivals();

  FakeCopyActivities(CallLog calls) {
    this.calls = calls;
  }

  void rows(String entityKey, long count) {
    rows.put(entityKey, count);
  }

  long rowsOf(String entityKey) {
    return rows.getOrDefault(entityKey, DEFAULT_ROWS);
  }

  /** The stage checksum the fake verification reports for an entity. */
  static long checksumOf(String entityKey) {
    return entityKey.hashCode() * 7919L;
  }

  void splitInto(String entityKey, int count) {
    ranges.put(entityKey, count);
  }

  /** Every range of the entity fails with {@link FailureTypes#DATA_REJECTED} and this message. */
  void reject(String entityKey, String message) {
    rejections.put(entityKey, message);
  }

  /** The entity's first {@code times} range copies fail as a dropped connection would. */
  void failTransiently(String entityKey, int times) {
    transientFailures.put(entityKey, new AtomicInteger(times));
  }

  /** Range copies run, heartbeating, until cancelled or {@link #release()}d. */
  void blockCopies() {
    blocking = true;
  }

  /**
   * Waits until {@code count} range copies are running. Cancelling only then keeps the test away
   * from activities that are scheduled but not started, which the test service mishandles when a
   * cancel request reaches them while they are being started.
   */
  void awaitCopying(int count) {
    copying.await(count, count + " range copies are running");
  }

  void release() {
    released.open();
  }

  /** The first {@code count} entities of each app wait for each other. */
  void meetEntities(int count) {
    meetEntities = count;
  }

  /** The most entities of one app seen between prepare and verify at the same time. */
  int maxConcurrentEntitiesPerApp() {
    return entitiesPerApp.values().stream().mapToInt(ConcurrencyGauge::max).max().orElse(0);
  }

  /** The most entities of this app seen between prepare and verify at the same time. */
  int maxConcurrentEntities(String appKey) {
    return entitiesPerApp.get(appKey).max();
  }

  @Override
  public List<KeyRange> prepareEntity(CopyTask task) {
    String key = task.entity().entityKey();
    calls.add("PrepareEntityCopy " + key);
    entitiesPerApp
        .computeIfAbsent(task.entity().appKey(), k -> new ConcurrencyGauge(meetEntities))
        .enter();
    int count = ranges.getOrDefault(key, 1);
    if (count == 1) {
      return List.of(KeyRange.whole());
    }
    List<KeyRange> split = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String lower = i == 0 ? null : String.valueOf(i * 1000);
      String upper = i == count - 1 ? null : String.valueOf((i + 1) * 1000);
      split.add(new KeyRange(i, lower, upper));
    }
    return split;
  }

  /**
   * Copies small entities in one activity as the engine does; unless asked, it only prepares, so
   * the tests of ranges, pauses and cancels see each range's activity.
   */
  void copySmallEntitiesInOneStep() {
    smallEntitiesInOneStep = true;
  }

  @Override
  public EntityStart copySmallEntity(CopyTask task) {
    String key = task.entity().entityKey();
    calls.add("CopySmallEntity " + key);
    List<KeyRange> prepared = prepareEntity(task);
    if (!smallEntitiesInOneStep || prepared.size() > 1) {
      return new EntityStart(prepared, null);
    }
    for (KeyRange range : prepared) {
      if (copyRange(task, range).handedBack()) {
        return new EntityStart(prepared, null);
      }
    }
    return new EntityStart(prepared, verifyEntity(task));
  }

  /** As the engine: one after the other, stopping after an entity not completed here. */
  @Override
  public List<EntityStart> copySmallEntities(List<CopyTask> tasks) {
    calls.add(
        "CopySmallEntities "
            + String.join(",", tasks.stream().map(t -> t.entity().entityKey()).toList()));
    List<EntityStart> starts = new ArrayList<>();
    for (CopyTask task : tasks) {
      EntityStart start;
      try {
        start = copySmallEntity(task);
      } catch (ApplicationFailure | IllegalStateException e) {
        starts.add(new EntityStart(null, null));
        break;
      }
      starts.add(start);
      if (start.result() == null) {
        break;
      }
    }
    return starts;
  }

  @Override
  public RangeResult copyRange(CopyTask task, KeyRange range) {
    String key = task.entity().entityKey();
    String call = "CopyEntityRange " + key + "#" + range.number();
    calls.add(call);
    String rejection = rejections.get(key);
    if (rejection != null) {
      throw ApplicationFailure.newNonRetryableFailure(rejection, FailureTypes.DATA_REJECTED);
    }
    AtomicInteger failures = transientFailures.get(key);
    if (failures != null && failures.getAndDecrement() > 0) {
      throw new IllegalStateException("I/O error: connection reset while copying " + key);
    }
    if (blocking && copyUntilStopped(call, key, range)) {
      handedBack.arrive();
      return new RangeResult(0, 0, true);
    }
    int count = ranges.getOrDefault(key, 1);
    long total = rowsOf(key);
    long share = total / count + (range.number() == count - 1 ? total % count : 0);
    return new RangeResult(share, 0);
  }

  /** Waits until {@code count} range copies handed their ranges back for a pause. */
  void awaitHandedBack(int count) {
    handedBack.await(count, count + " range copies handed back");
  }

  /** What the last {@code ControlRunningCopies} told the copies. */
  CopyControl control() {
    return control;
  }

  @Override
  public void controlCopies(String migrationId, String stage, CopyControl control) {
    calls.add("ControlRunningCopies " + (control.paused() ? "paused" : "running"));
    if (control.revision() > this.control.revision()) {
      this.control = control;
    }
  }

  /**
   * Heartbeats like a long copy; a cancel request reaches the activity through the heartbeat. True
   * when it stopped to hand its range back for a pause.
   */
  private boolean copyUntilStopped(String call, String entityKey, KeyRange range) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    copying.arrive();
    long rowsSoFar = 0;
    try {
      long deadline = System.currentTimeMillis() + BLOCK_LIMIT_MILLIS;
      while (!released.waitFor(HEARTBEAT_EVERY_MILLIS) && System.currentTimeMillis() < deadline) {
        if (control.paused()) {
          calls.add(call + " handed back");
          return true;
        }
        rowsSoFar += 10;
        context.heartbeat(
            new CopyProgress(entityKey, range.number(), rowsSoFar, String.valueOf(rowsSoFar)));
      }
    } catch (ActivityCompletionException e) {
      calls.add(call + " stopped");
      throw e;
    }
    return false;
  }

  @Override
  public EntityResult verifyEntity(CopyTask task) {
    String key = task.entity().entityKey();
    calls.add("VerifyEntityCopy " + key);
    entitiesPerApp.get(task.entity().appKey()).exit();
    return new EntityResult(
        task.entity(),
        EntityResult.Status.COMPLETED,
        rowsOf(key),
        rowsOf(key),
        0,
        null,
        Map.of(),
        Map.of(),
        Map.of(),
        0,
        0,
        0,
        checksumOf(key));
  }
}
