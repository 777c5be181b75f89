package org.odcmigrate.copy;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.odcmigrate.config.ValuePolicy;
import org.odcmigrate.migration.CopyProgress;
import org.odcmigrate.migration.CopyTask;
import org.odcmigrate.migration.EntityResult;
import org.odcmigrate.migration.KeyRange;
import org.odcmigrate.migration.RangeResult;
import org.odcmigrate.odc.StageTransaction;
import org.odcmigrate.plan.EntityPlan;
import org.odcmigrate.plan.PlanStore;

/**
 * Copies one entity from O11 into the stage: prepares its key ranges ({@link KeyRangeSplitter}),
 * copies each ({@link RangeCopier}) and checks the result ({@link CopyVerifier}). Every step can
 * run again after a crash at any point and leaves the same rows behind.
 */
public final class EntityCopier {

  private final DataSource source;
  private final DataSource stage;
  private final RangeCopier ranges;

  public EntityCopier(DataSource source, DataSource stage, ZoneId sourceZone) {
    this(source, stage, sourceZone, false, new WorkerDraining());
  }

  public EntityCopier(
      DataSource source,
      DataSource stage,
      ZoneId sourceZone,
      boolean snapshotReads,
      WorkerDraining draining) {
    this(source, stage, sourceZone, snapshotReads, draining, CopyMetrics.unread());
  }

  /**
   * @param snapshotReads read each key range of a running environment in one SNAPSHOT transaction,
   *     so the range is a consistent picture even while O11 writes
   */
  public EntityCopier(
      DataSource source,
      DataSource stage,
      ZoneId sourceZone,
      boolean snapshotReads,
      WorkerDraining draining,
      CopyMetrics metrics) {
    this.source = source;
    this.stage = stage;
    this.ranges = new RangeCopier(source, stage, sourceZone, snapshotReads, draining, metrics);
  }

  /**
   * Empties the stage table once per migration and records the key ranges to copy. Run again, it
   * returns the recorded ranges and leaves the table alone. An incremental run empties only the
   * ranges it copies again (see {@link IncrementalPlan}) and returns those alone.
   */
  public List<KeyRange> prepare(CopyTask task) throws SQLException, IOException {
    if (task.incrementalFrom() != null) {
      return prepareIncremental(task);
    }
    CheckpointStore checkpoints = new CheckpointStore(task.migrationId(), task.entity());
    try (Connection target = stage.getConnection()) {
      return StageTransaction.run(
          target,
          () -> {
            checkpoints.lock(target);
            DiscardedCopies.refuseIfMarked(target, task.migrationId(), task.entity());
            List<RangeCheckpoint> existing = checkpoints.all(target);
            if (!existing.isEmpty()) {
              return existing.stream().map(RangeCheckpoint::range).toList();
            }
            EntityPlan plan = PlanStore.load(target, task.migrationId(), task.entity());
            List<KeyRange> split = new KeyRangeSplitter(source).split(plan, task.splitRows());
            StageSql.empty(target, plan);
            checkpoints.create(target, split);
            return split;
          });
    }
  }

  private List<KeyRange> prepareIncremental(CopyTask task) throws SQLException, IOException {
    CheckpointStore checkpoints = new CheckpointStore(task.migrationId(), task.entity());
    try (Connection target = stage.getConnection();
        Connection from = source.getConnection()) {
      List<RangeCheckpoint> existing = checkpoints.all(target);
      if (!existing.isEmpty()) {
        return toCopy(existing);
      }
      EntityPlan plan = PlanStore.load(target, task.migrationId(), task.entity());
      // Compared outside the transaction: the source scans are long, and a concurrent attempt
      // decides the same.
      IncrementalPlan decided =
          IncrementalPlan.decide(from, target, task, plan, new KeyRangeSplitter(source));
      return StageTransaction.run(
          target,
          () -> {
            checkpoints.lock(target);
            DiscardedCopies.refuseIfMarked(target, task.migrationId(), task.entity());
            List<RangeCheckpoint> recorded = checkpoints.all(target);
            if (!recorded.isEmpty()) {
              return toCopy(recorded);
            }
            decided.apply(target, task, plan, checkpoints);
            return decided.copied();
          });
    }
  }

  private static List<KeyRange> toCopy(List<RangeCheckpoint> checkpoints) {
    return checkpoints.stream().filter(c -> !c.kept()).map(RangeCheckpoint::range).toList();
  }

  /** Streams one key range into the stage from its checkpoint on; returns the range's totals. */
  public RangeResult copyRange(CopyTask task, KeyRange range, Consumer<CopyProgress> heartbeat)
      throws SQLException, IOException {
    return ranges.copy(task, range, heartbeat);
  }

  /**
   * The same copier, treating NULLs outside references and U+0000 in text as {@code policy} says.
   */
  public EntityCopier withValues(ValuePolicy policy) {
    ranges.values(policy);
    return this;
  }

  /** Checks the copied entity against its checkpoints and the source; see {@link CopyVerifier}. */
  public EntityResult verify(CopyTask task) throws SQLException, IOException {
    return new CopyVerifier(source, stage).verify(task);
  }
}
