package org.odcmigrate.copy;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.odcmigrate.config.ValuePolicy;
import org.odcmigrate.migration.CopyProgress;
import org.odcmigrate.migration.CopyTask;
import org.odcmigrate.migration.KeyRange;
import org.odcmigrate.migration.RangeResult;
import org.odcmigrate.o11.SqlServerDialect;
import org.odcmigrate.odc.StageCatalog;
import org.odcmigrate.odc.StageTransaction;
import org.odcmigrate.plan.ColumnPlan;
import org.odcmigrate.plan.EntityPlan;
import org.odcmigrate.plan.PlanStore;
import org.odcmigrate.plan.ValueKind;
import org.odcmigrate.users.UserMap;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams one key range from O11 into the stage: a keyset read from the range's checkpoint on,
 * binary COPY in batches, each batch committed together with its checkpoint.
 */
final class RangeCopier {

  /** A batch also ends at this many bytes, so big values keep transactions and heartbeats short. */
  static final long MAX_BATCH_BYTES = 64L << 20;

  private static final int COPY_BUFFER = 1 << 16;

  private final DataSource source;
  private final DataSource stage;
  private final ZoneId sourceZone;
  private final boolean snapshotReads;
  private final WorkerDraining draining;
  private final CopyMetrics metrics;

  private ValuePolicy values = ValuePolicy.defaults();

  RangeCopier(
      DataSource source,
      DataSource stage,
      ZoneId sourceZone,
      boolean snapshotReads,
      WorkerDraining draining,
      CopyMetrics metrics) {
    this.source = source;
    this.stage = stage;
    this.sourceZone = sourceZone;
    this.snapshotReads = snapshotReads;
    this.draining = draining;
    this.metrics = metrics;
  }

  /** NULLs outside references and U+0000 in text are then treated as {@code policy} says. */
  void values(ValuePolicy policy) {
    this.values = policy;
  }

  /** Copies the range from its checkpoint on; returns the range's totals. */
  RangeResult copy(CopyTask task, KeyRange range, Consumer<CopyProgress> heartbeat)
      throws SQLException, IOException {
    CheckpointStore checkpoints = new CheckpointStore(task.migrationId(), task.entity());
    try (Connection target = stage.getConnection();
        Connection from = source.getConnection()) {
      RangeCheckpoint checkpoint = checkpoints.get(target, range);
      if (checkpoint.completed()) {
        return new RangeResult(checkpoint.rowsWritten(), checkpoint.nulledReferences());
      }
      EntityPlan plan = PlanStore.load(target, task.migrationId(), task.entity());
      RowEncoder encoder =
          new RowEncoder(
              plan,
              sourceZone,
              usersOf(target, task, plan),
              StaticRecords.load(target, from, plan),
              values);
      // A migration that began before the catalog had its live control gets it here.
      StageCatalog.install(target);
      target.setAutoCommit(false);

      String resumeAfter = checkpoint.resumeAfter();
      ColumnPlan id = plan.identifier();
      String sql =
          SqlServerDialect.keysetSelect(
              from,
              plan.sourceTable(),
              plan.columns().stream().map(ColumnPlan::sourceColumn).toList(),
              RowEncoder.streamedColumns(plan),
              id.sourceColumn(),
              resumeAfter != null,
              range.upperInclusive() != null);
      String copySql = StageSql.copyIn(plan);
      long rows = checkpoint.rowsWritten();
      long nulled = checkpoint.nulledReferences();
      long checksum = checkpoint.checksum();
      String lastKey = checkpoint.lastKey();
      FingerprintSum fingerprint = FingerprintSum.resume(checkpoint.sourceFingerprint());
      SourceSnapshot snapshot = SourceSnapshot.begin(from, snapshotReads && !task.sourceFrozen());
      CopyThrottle throttle =
          new CopyThrottle(
              task.migrationId(),
              task.entity().appKey() + "/" + task.entity().entityKey() + "#" + range.number());
      try (snapshot;
          PreparedStatement read =
              from.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        read.setFetchSize(Math.min(task.batchSize(), 5_000));
        int p = 1;
        if (resumeAfter != null) {
          bindKey(read, p++, id.kind(), resumeAfter);
        }
        if (range.upperInclusive() != null) {
          bindKey(read, p, id.kind(), range.upperInclusive());
        }
        try (ResultSet rs = read.executeQuery()) {
          // The row hash, last in the read: each row is fingerprinted as it was copied, even
          // while a running environment changes it.
          int rowHash = rs.getMetaData().getColumnCount();
          boolean more = true;
          while (more) {
            if (throttle.paused(target)) {
              return new RangeResult(rows, nulled, true);
            }
            if (!checkpoints.claim(target, range, lastKey)) {
              target.rollback();
              throw advancedElsewhere(task, range);
            }
            Batch batch =
                writeBatch(
                    rs,
                    encoder,
                    target,
                    copySql,
                    throttle.batchRows(task.batchSize()),
                    rowHash,
                    fingerprint);
            more = batch.full();
            if (batch.rows() == 0) {
              break;
            }
            if (!checkpoints.advance(
                target,
                range,
                lastKey,
                batch.lastKey(),
                batch.rows(),
                batch.nulled(),
                checksum + batch.checksum(),
                fingerprint == null ? null : fingerprint.toString())) {
              target.rollback();
              throw advancedElsewhere(task, range);
            }
            encoder.rewrites().save(target, task, range);
            target.commit();
            metrics.batchCommitted(batch.rows());
            throttle.pace(batch.rows());
            lastKey = batch.lastKey();
            rows += batch.rows();
            nulled += batch.nulled();
            checksum += batch.checksum();
            heartbeat.accept(
                new CopyProgress(task.entity().entityKey(), range.number(), rows, lastKey));
            if (more && draining.isDraining()) {
              throw new WorkerDraining.Released(
                  task.entity()
                      + " range "
                      + range.number()
                      + ": this worker is stopping"
                      + " after "
                      + rows
                      + " rows; another worker resumes from the checkpoint");
            }
          }
        }
      } catch (SQLException | IOException | RuntimeException e) {
        StageTransaction.rollbackAfter(target, e);
        throw e;
      } finally {
        throttle.done(target);
      }
      // An open last range ends at its last key copied, so the next run copies keys past it anew.
      KeyRange copied =
          new KeyRange(
              range.number(),
              range.lowerExclusive(),
              range.upperInclusive() != null ? range.upperInclusive() : lastKey);
      RangeFingerprints.save(
          target,
          task.migrationId(),
          task.entity(),
          new RangeFingerprints.Stored(
              copied, rows, nulled, fingerprint == null ? null : fingerprint.toString(), checksum));
      if (!checkpoints.complete(target, range, lastKey)) {
        target.rollback();
        throw new ConcurrentCopyException(
            task.entity() + " range " + range.number() + " was completed by another attempt");
      }
      target.commit();
      metrics.rangeCompleted();
      return new RangeResult(rows, nulled);
    }
  }

  /**
   * The end users' map, loaded only for an entity that references users: an estate has thousands of
   * entities and may have many thousands of users.
   */
  private static UserMap usersOf(Connection target, CopyTask task, EntityPlan plan)
      throws SQLException {
    boolean referencesUsers =
        plan.columns().stream().anyMatch(c -> c.kind() == ValueKind.USER_REFERENCE);
    return referencesUsers ? UserMap.load(target, task.environment()) : UserMap.none();
  }

  private static ConcurrentCopyException advancedElsewhere(CopyTask task, KeyRange range) {
    return new ConcurrentCopyException(
        task.entity()
            + " range "
            + range.number()
            + " was advanced by another attempt; this attempt stops and a retry resumes from the checkpoint");
  }

  private record Batch(long rows, long nulled, long checksum, String lastKey, boolean full) {}

  /**
   * Writes up to one batch through COPY, inside the stage transaction the caller commits, and adds
   * each row's hash (column {@code rowHash}) to {@code fingerprint} when there is one.
   */
  private static Batch writeBatch(
      ResultSet rs,
      RowEncoder encoder,
      Connection target,
      String copySql,
      int batchSize,
      int rowHash,
      FingerprintSum fingerprint)
      throws SQLException, IOException {
    PGCopyOutputStream copy = null;
    PgBinaryOutput out = null;
    long rows = 0;
    long nulled = 0;
    long checksum = 0;
    String key = null;
    try {
      while (rows < batchSize && (out == null || out.bytesWritten() < MAX_BATCH_BYTES)) {
        if (!rs.next()) {
          break;
        }
        if (copy == null) {
          copy = new PGCopyOutputStream(target.unwrap(PGConnection.class), copySql, COPY_BUFFER);
          out = new PgBinaryOutput(copy);
          out.header();
        }
        key = encoder.key(rs);
        nulled += encoder.encode(rs, out, key);
        checksum += encoder.lastChecksum();
        if (fingerprint != null) {
          fingerprint.add(rs.getBytes(rowHash));
        }
        rows++;
      }
      if (copy != null) {
        out.trailer();
        copy.endCopy();
      }
      boolean full = rows == batchSize || (out != null && out.bytesWritten() >= MAX_BATCH_BYTES);
      return new Batch(rows, nulled, checksum, key, full);
    } catch (SQLException | IOException | RuntimeException e) {
      if (copy != null && copy.isActive()) {
        try {
          copy.cancelCopy();
        } catch (SQLException | RuntimeException cancel) {
          e.addSuppressed(cancel);
        }
      }
      throw e;
    }
  }

  static void bindKey(PreparedStatement ps, int index, ValueKind kind, String key)
      throws SQLException {
    switch (kind) {
      case INTEGER -> ps.setInt(index, Integer.parseInt(key));
      case LONG_INTEGER -> ps.setLong(index, Long.parseLong(key));
      default -> ps.setString(index, key);
    }
  }
}
