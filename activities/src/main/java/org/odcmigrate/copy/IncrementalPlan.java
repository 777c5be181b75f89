package org.odcmigrate.copy;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.odcmigrate.migration.CopyTask;
import org.odcmigrate.migration.KeyRange;
import org.odcmigrate.odc.StageNames;
import org.odcmigrate.plan.EntityPlan;
import org.odcmigrate.plan.PlanStore;
import org.odcmigrate.plan.ValueKind;

/**
 * Which key ranges of an entity an incremental run keeps from the earlier migration and which it
 * copies again. A range is kept when the source's fingerprint of it is unchanged and the stage
 * still holds exactly the rows written (count and checksum); keys past the last range form a new
 * range. Text identifiers compare in the source's collation, which the stage cannot reproduce, so
 * such an entity is kept whole or copied whole.
 */
final class IncrementalPlan {

  private final List<RangeFingerprints.Stored> kept;
  private final List<KeyRange> copied;
  private final boolean replaceAll;

  private IncrementalPlan(
      List<RangeFingerprints.Stored> kept, List<KeyRange> copied, boolean replaceAll) {
    this.kept = kept;
    this.copied = copied;
    this.replaceAll = replaceAll;
  }

  /** Compares every range the earlier migration recorded with the source and the stage. */
  static IncrementalPlan decide(
      Connection source,
      Connection stage,
      CopyTask task,
      EntityPlan plan,
      KeyRangeSplitter splitter)
      throws SQLException, IOException {
    String base = task.incrementalFrom();
    Optional<EntityPlan> basePlan = PlanStore.find(stage, base, task.entity());
    List<RangeFingerprints.Stored> stored = RangeFingerprints.load(stage, base, task.entity());
    if (basePlan.isEmpty() || !basePlan.get().equals(plan) || stored.isEmpty()) {
      return new IncrementalPlan(List.of(), splitter.split(plan, task.splitRows()), true);
    }
    boolean integer = integerKeys(plan);
    List<RangeFingerprints.Stored> kept = new ArrayList<>();
    List<KeyRange> copied = new ArrayList<>();
    // The stage's checks of the ranges the source still agrees with run beside the source's next
    // fingerprints, one at a time on the stage connection: two servers, each scanning its own.
    ExecutorService stageChecks = Executors.newSingleThreadExecutor(IncrementalPlan::checkThread);
    try {
      List<Future<Boolean>> same = new ArrayList<>();
      for (RangeFingerprints.Stored range : stored) {
        String now =
            RangeFingerprints.compute(
                source, plan, range.range().lowerExclusive(), range.range().upperInclusive());
        // A fingerprint stored before the row hash changed has another format: never the same.
        if (!now.equals(range.fingerprint())) {
          same.add(CompletableFuture.completedFuture(false));
        } else if (!integer) {
          same.add(CompletableFuture.completedFuture(true));
        } else {
          same.add(stageChecks.submit(() -> stageHolds(stage, plan, range)));
        }
      }
      for (int i = 0; i < stored.size(); i++) {
        if (ParallelReads.await(same.get(i))) {
          kept.add(stored.get(i));
        } else {
          copied.add(stored.get(i).range());
        }
      }
    } finally {
      // The check under way still holds the stage connection: the caller gets it back after.
      stageChecks.shutdownNow();
      awaitIdle(stageChecks);
    }
    KeyRange last = stored.get(stored.size() - 1).range();
    if (last.upperInclusive() != null) {
      copied.add(new KeyRange(last.number() + 1, last.upperInclusive(), null));
    }
    if (!integer) {
      if (kept.size() < stored.size() || !wholeTableHolds(stage, plan, kept)) {
        List<KeyRange> all = new ArrayList<>(stored.stream().map(s -> s.range()).toList());
        if (last.upperInclusive() != null) {
          all.add(copied.get(copied.size() - 1));
        }
        return new IncrementalPlan(List.of(), all, true);
      }
    }
    return new IncrementalPlan(kept, copied, false);
  }

  private static void awaitIdle(ExecutorService checks) throws IOException {
    try {
      checks.awaitTermination(1, TimeUnit.DAYS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while checking the stage", e);
    }
  }

  private static Thread checkThread(Runnable r) {
    Thread t = new Thread(r, "incremental-stage-check");
    t.setDaemon(true);
    return t;
  }

  /**
   * In the caller's transaction: removes the stage rows of the ranges to copy and records this
   * migration's checkpoints, the kept ranges as completed with what the earlier migration wrote.
   */
  void apply(Connection stage, CopyTask task, EntityPlan plan, CheckpointStore checkpoints)
      throws SQLException {
    if (replaceAll) {
      deleteRange(stage, plan, KeyRange.whole());
    } else if (integerKeys(plan)) {
      // Text keys get here only when the stage holds exactly the kept rows: nothing to remove.
      for (KeyRange range : copied) {
        deleteRange(stage, plan, range);
      }
    }
    checkpoints.create(stage, copied);
    checkpoints.createKept(stage, kept);
    for (RangeFingerprints.Stored range : kept) {
      RangeFingerprints.save(stage, task.migrationId(), task.entity(), range);
    }
    ValueRewrites.carry(
        stage, task.incrementalFrom(), task, kept.stream().map(k -> k.range().number()).toList());
  }

  List<KeyRange> copied() {
    return copied;
  }

  private static boolean integerKeys(EntityPlan plan) {
    ValueKind kind = plan.identifier().kind();
    return kind == ValueKind.INTEGER || kind == ValueKind.LONG_INTEGER;
  }

  private static void deleteRange(Connection stage, EntityPlan plan, KeyRange range)
      throws SQLException {
    try (Statement st = stage.createStatement()) {
      st.executeUpdate("DELETE FROM " + plan.qualifiedTarget() + stageCondition(plan, range));
    }
  }

  /** The stage still holds exactly the rows the earlier migration wrote into this range. */
  private static boolean stageHolds(
      Connection stage, EntityPlan plan, RangeFingerprints.Stored range)
      throws SQLException, IOException {
    StageChecksum.Result held =
        StageChecksum.of(
            stage,
            "(SELECT "
                + StageSql.columnList(plan)
                + " FROM "
                + plan.qualifiedTarget()
                + stageCondition(plan, range.range())
                + ")");
    return held.rows() == range.rows() && held.checksum() == range.stageChecksum();
  }

  private static boolean wholeTableHolds(
      Connection stage, EntityPlan plan, List<RangeFingerprints.Stored> ranges)
      throws SQLException, IOException {
    StageChecksum.Result held = StageChecksum.of(stage, plan);
    return held.rows() == ranges.stream().mapToLong(RangeFingerprints.Stored::rows).sum()
        && held.checksum()
            == ranges.stream().mapToLong(RangeFingerprints.Stored::stageChecksum).sum();
  }

  /**
   * {@code WHERE lower < id <= upper} over an integer identifier, bounds written as numbers (they
   * parse as such, so nothing else reaches the SQL); empty for a range open at both ends.
   */
  private static String stageCondition(EntityPlan plan, KeyRange range) {
    String id = StageNames.quote(plan.identifier().targetColumn());
    List<String> parts = new ArrayList<>();
    if (range.lowerExclusive() != null) {
      parts.add(id + " > " + Long.parseLong(range.lowerExclusive()));
    }
    if (range.upperInclusive() != null) {
      parts.add(id + " <= " + Long.parseLong(range.upperInclusive()));
    }
    return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
  }
}
