package org.odcmigrate.copy;

import java.io.IOException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.StringJoiner;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.odcmigrate.migration.CopyProgress;
import org.odcmigrate.migration.CopyTask;
import org.odcmigrate.migration.EntityResult;
import org.odcmigrate.migration.RangeResult;
import org.odcmigrate.model.ColumnPlan;
import org.odcmigrate.config.ValuePolicy;
import org.odcmigrate.model.EntityPlan;
import org.odcmigrate.users.UserMap;
import org.odcmigrate.model.KeyRange;
import org.odcmigrate.model.ValueKind;
import org.odcmigrate.o11.SqlServerDialect;
import org.odcmigrate.odc.StageNames;
import org.odcmigrate.plan.PlanStore;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Copies one entity from O11 into the stage: keyset reads per key range, binary COPY in
 * batches, each batch committed together with its checkpoint. Every step can run again after a
 * crash at any point and leaves the same rows behind.
 */
public final class EntityCopier {

  /** A batch also ends at this many bytes, so big values keep transactions and heartbeats short. */
  static final long MAX_BATCH_BYTES = 64L << 20;

  private static final int COPY_BUFFER = 1 << 16;
  private static final int MAX_RANGES = 16;

  private final DataSource source;
  private final DataSource stage;
  private final ZoneId sourceZone;
  private final boolean snapshotReads;
  private final WorkerDraining draining;
  private final CopyMetrics metrics;
  private ValuePolicy values = ValuePolicy.defaults();

  public EntityCopier(DataSource source, DataSource stage, ZoneId sourceZone) {
    this(source, stage, sourceZone, false, new WorkerDraining());
  }

  public EntityCopier(DataSource source, DataSource stage, ZoneId sourceZone, boolean snapshotReads,
      WorkerDraining draining) {
    this(source, stage, sourceZone, snapshotReads, draining, CopyMetrics.unread());
  }

  /**
   * @param snapshotReads read each key range of a running environment in one SNAPSHOT
   *     transaction, so the range is a consistent picture even while O11 writes
   */
  public EntityCopier(DataSource source, DataSource stage, ZoneId sourceZone, boolean snapshotReads,
      WorkerDraining draining, CopyMetrics metrics) {
    this.draining = draining;
    this.metrics = metrics;
    this.source = source;
    this.stage = stage;
    this.sourceZone = sourceZone;
    this.snapshotReads = snapshotReads;
  }

  /** The same copier, treating NULLs outside references and U+0000 in text as {@code policy} says. */
  public EntityCopier withValues(ValuePolicy policy) {
    this.values = policy;
    return this;
  }

  /**
   * Empties the stage table once per migration and records the key ranges to copy. Run again, it
   * returns the recorded ranges and leaves the table alone.
   */
  public List<KeyRange> prepare(CopyTask task) throws SQLException {
    CheckpointStore checkpoints = new CheckpointStore(task.migrationId(), task.entity());
    try (Connection target = stage.getConnection()) {
      target.setAutoCommit(false);
      try {
        checkpoints.lock(target);
        List<RangeCheckpoint> existing = checkpoints.all(target);
        if (!existing.isEmpty()) {
          target.commit();
          return existing.stream().map(RangeCheckpoint::range).toList();
        }
        EntityPlan plan = PlanStore.load(target, task.migrationId(), task.entity());
        List<KeyRange> ranges = split(plan, task.splitRows());
        try (Statement st = target.createStatement()) {
          st.execute("TRUNCATE " + plan.qualifiedTarget());
        }
        checkpoints.create(target, ranges);
        target.commit();
        return ranges;
      } catch (SQLException | RuntimeException e) {
        target.rollback();
        throw e;
      }
    }
  }

  /**
   * Integer identifiers split into equal spans of ids (from MIN and MAX alone); text identifiers
   * at every n-th key in the source's own order, so the ranges' bounds compare in its collation.
   */
  private List<KeyRange> split(EntityPlan plan, long splitRows) throws SQLException {
    ColumnPlan id = plan.identifier();
    boolean integer = id.kind() == ValueKind.INTEGER || id.kind() == ValueKind.LONG_INTEGER;
    try (Connection connection = source.getConnection()) {
      long min;
      long max;
      long count;
      try (Statement st = connection.createStatement();
          ResultSet rs = st.executeQuery(SqlServerDialect.keyStatistics(plan.sourceTable(), id.sourceColumn()))) {
        rs.next();
        min = integer ? rs.getLong(1) : 0;
        max = integer ? rs.getLong(2) : 0;
        count = rs.getLong(3);
      }
      int parts = (int) Math.min(MAX_RANGES, (count + splitRows - 1) / Math.max(1, splitRows));
      if (count <= splitRows || parts < 2) {
        return List.of(KeyRange.whole());
      }
      return integer ? spans(min, max, parts) : everyNthKey(connection, plan, (count + parts - 1) / parts);
    }
  }

  /** Ranges ending at every {@code step}-th key; the last range is open, for keys added since. */
  private static List<KeyRange> everyNthKey(Connection connection, EntityPlan plan, long step) throws SQLException {
    List<KeyRange> ranges = new ArrayList<>();
    String lower = null;
    try (PreparedStatement ps = connection.prepareStatement(
        SqlServerDialect.everyNthKey(plan.sourceTable(), plan.identifier().sourceColumn()))) {
      ps.setLong(1, step);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String bound = rs.getString(1);
          ranges.add(new KeyRange(ranges.size(), lower, bound));
          lower = bound;
        }
      }
    }
    ranges.add(new KeyRange(ranges.size(), lower, null));
    return ranges;
  }

  /**
   * Equal id spans over [min, max] in exact arithmetic (ids may sit at the ends of their type),
   * bounds strictly increasing and never past max. The first and last ranges are open, so rows
   * outside [min, max] (inserted while a running environment is copied) are never missed.
   */
  static List<KeyRange> spans(long min, long max, int parts) {
    BigInteger low = BigInteger.valueOf(min);
    BigInteger width = BigInteger.valueOf(max).subtract(low).add(BigInteger.ONE);
    List<KeyRange> ranges = new ArrayList<>();
    String lower = null;
    BigInteger previous = null;
    for (int i = 1; i < parts; i++) {
      BigInteger bound = low.subtract(BigInteger.ONE).add(width.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(parts)));
      if ((previous != null && bound.compareTo(previous) <= 0) || bound.compareTo(BigInteger.valueOf(max)) >= 0
          || bound.compareTo(low) < 0) {
        continue; // too few distinct ids for this many ranges
      }
      ranges.add(new KeyRange(ranges.size(), lower, bound.toString()));
      lower = bound.toString();
      previous = bound;
    }
    ranges.add(new KeyRange(ranges.size(), lower, null));
    return ranges;
  }

  /** Streams one key range into the stage from its checkpoint on; returns the range's totals. */
  public RangeResult copyRange(CopyTask task, KeyRange range, Consumer<CopyProgress> heartbeat)
      throws SQLException, IOException {
    CheckpointStore checkpoints = new CheckpointStore(task.migrationId(), task.entity());
    try (Connection target = stage.getConnection(); Connection from = source.getConnection()) {
      RangeCheckpoint checkpoint = checkpoints.get(target, range);
      if (checkpoint.completed()) {
        return new RangeResult(checkpoint.rowsWritten(), checkpoint.nulledReferences());
      }
      EntityPlan plan = PlanStore.load(target, task.migrationId(), task.entity());
      RowEncoder encoder = new RowEncoder(plan, sourceZone, UserMap.load(target, task.environment()),
          StaticIds.load(target, plan), values);
      target.setAutoCommit(false);

      String resumeAfter = checkpoint.resumeAfter();
      ColumnPlan id = plan.identifier();
      String sql = SqlServerDialect.keysetSelect(plan.sourceTable(),
          plan.columns().stream().map(ColumnPlan::sourceColumn).toList(), RowEncoder.streamedColumns(plan),
          id.sourceColumn(), resumeAfter != null, range.upperInclusive() != null);
      String copySql = copyStatement(plan);
      long rows = checkpoint.rowsWritten();
      long nulled = checkpoint.nulledReferences();
      long checksum = checkpoint.checksum();
      String lastKey = checkpoint.lastKey();
      SourceSnapshot snapshot = SourceSnapshot.begin(from, snapshotReads && !task.sourceFrozen());
      try (snapshot; PreparedStatement read = from.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
          ResultSet.CONCUR_READ_ONLY)) {
        read.setFetchSize(Math.min(task.batchSize(), 5_000));
        int p = 1;
        if (resumeAfter != null) {
          bindKey(read, p++, id.kind(), resumeAfter);
        }
        if (range.upperInclusive() != null) {
          bindKey(read, p, id.kind(), range.upperInclusive());
        }
        try (ResultSet rs = read.executeQuery()) {
          boolean more = true;
          while (more) {
            if (!checkpoints.claim(target, range, lastKey)) {
              target.rollback();
              throw new ConcurrentCopyException(task.entity() + " range " + range.number()
                  + " was advanced by another attempt; this attempt stops and a retry resumes from the checkpoint");
            }
            Batch batch = writeBatch(rs, encoder, target, copySql, task.batchSize());
            more = batch.full();
            if (batch.rows() == 0) {
              break;
            }
            if (!checkpoints.advance(target, range, lastKey, batch.lastKey(), batch.rows(), batch.nulled(),
                checksum + batch.checksum())) {
              target.rollback();
              throw new ConcurrentCopyException(task.entity() + " range " + range.number()
                  + " was advanced by another attempt; this attempt stops and a retry resumes from the checkpoint");
            }
            encoder.rewrites().save(target, task, range);
            target.commit();
            metrics.batchCommitted(batch.rows());
            lastKey = batch.lastKey();
            rows += batch.rows();
            nulled += batch.nulled();
            checksum += batch.checksum();
            heartbeat.accept(new CopyProgress(task.entity().entityKey(), range.number(), rows, lastKey));
            if (more && draining.isDraining()) {
              throw new WorkerDraining.Released(task.entity() + " range " + range.number() + ": this worker is stopping"
                  + " after " + rows + " rows; another worker resumes from the checkpoint");
            }
          }
        }
      } catch (SQLException | IOException | RuntimeException e) {
        target.rollback();
        throw e;
      }
      if (!checkpoints.complete(target, range, lastKey)) {
        target.rollback();
        throw new ConcurrentCopyException(task.entity() + " range " + range.number() + " was completed by another attempt");
      }
      target.commit();
      metrics.rangeCompleted();
      return new RangeResult(rows, nulled);
    }
  }

  private record Batch(long rows, long nulled, long checksum, String lastKey, boolean full) {}

  /** Writes up to one batch through COPY, inside the stage transaction the caller commits. */
  private Batch writeBatch(ResultSet rs, RowEncoder encoder, Connection target, String copySql, int batchSize)
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
        copy.cancelCopy();
      }
      throw e;
    }
  }

  private static String copyStatement(EntityPlan plan) {
    StringJoiner columns = new StringJoiner(", ", " (", ")");
    plan.columns().forEach(c -> columns.add(StageNames.quote(c.targetColumn())));
    return "COPY " + plan.qualifiedTarget() + columns + " FROM STDIN (FORMAT binary)";
  }

  private static void bindKey(PreparedStatement ps, int index, ValueKind kind, String key) throws SQLException {
    switch (kind) {
      case INTEGER -> ps.setInt(index, Integer.parseInt(key));
      case LONG_INTEGER -> ps.setLong(index, Long.parseLong(key));
      default -> ps.setString(index, key);
    }
  }

  /**
   * Checks the copy: the stage table holds exactly the rows the checkpoints say were committed
   * (same count, same order-independent checksum of their bytes) and, when the environment was
   * stopped, exactly the source's row count. Then moves the identity past the copied ids and
   * refreshes the planner's statistics.
   */
  public EntityResult verify(CopyTask task) throws SQLException, IOException {
    CheckpointStore checkpoints = new CheckpointStore(task.migrationId(), task.entity());
    try (Connection target = stage.getConnection(); Connection from = source.getConnection()) {
      EntityPlan plan = PlanStore.load(target, task.migrationId(), task.entity());
      List<RangeCheckpoint> ranges = checkpoints.all(target);
      long written = ranges.stream().mapToLong(RangeCheckpoint::rowsWritten).sum();
      long nulled = ranges.stream().mapToLong(RangeCheckpoint::nulledReferences).sum();
      long sent = ranges.stream().mapToLong(RangeCheckpoint::checksum).sum();
      long sourceRows = count(from, SqlServerDialect.count(plan.sourceTable()));
      StageChecksum.Result stage = StageChecksum.of(target, plan);
      long stageRows = stage.rows();
      if (stageRows != written) {
        throw new VerificationException(task.entity() + ": the stage table holds " + stageRows + " rows but this migration wrote "
            + written + ": something else changed the table during the copy; start the migration again");
      }
      if (stage.checksum() != sent) {
        throw new VerificationException(task.entity() + ": the stage table's checksum " + Long.toHexString(stage.checksum())
            + " differs from the checksum of the rows written, " + Long.toHexString(sent)
            + ": the stored values are not the ones sent; start the migration again");
      }
      if (task.sourceFrozen() && sourceRows != stageRows) {
        throw new VerificationException(task.entity() + ": O11 table " + plan.sourceTable() + " holds " + sourceRows
            + " rows but the stage holds " + stageRows);
      }
      try (Statement st = target.createStatement()) {
        if (plan.autoNumber()) {
          String idColumn = StageNames.quote(plan.identifier().targetColumn());
          st.execute("SELECT setval(pg_get_serial_sequence('" + plan.qualifiedTarget().replace("'", "''") + "', '"
              + plan.identifier().targetColumn().replace("'", "''") + "'), coalesce((SELECT max(" + idColumn + ") FROM "
              + plan.qualifiedTarget() + "), 1), (SELECT max(" + idColumn + ") IS NOT NULL FROM " + plan.qualifiedTarget()
              + "))");
        }
        st.execute("ANALYZE " + plan.qualifiedTarget());
      }
      String note = sourceRows == stageRows ? null
          : "O11 now holds " + sourceRows + " rows: the environment kept running and changed during the copy";
      Map<String, Long> nulls = new TreeMap<>();
      Map<String, Long> nulCharacters = new TreeMap<>();
      ValueRewrites.load(target, task).forEach((attribute, counts) -> {
        if (counts.nulls() > 0) {
          nulls.put(attribute, counts.nulls());
        }
        if (counts.nulCharacters() > 0) {
          nulCharacters.put(attribute, counts.nulCharacters());
        }
      });
      return new EntityResult(task.entity(), EntityResult.Status.COMPLETED, sourceRows, written, nulled, note,
          nulledByAttribute(from, target, plan), nulls, nulCharacters);
    }
  }

  /**
   * Per reference attribute, the values O11 holds that the stage does not: the only way a value
   * goes missing is a reference set to NULL because its target is not in ODC.
   */
  private static Map<String, Long> nulledByAttribute(Connection from, Connection target, EntityPlan plan)
      throws SQLException {
    List<ColumnPlan> references = plan.columns().stream().filter(ColumnPlan::reference).toList();
    if (references.isEmpty()) {
      return Map.of();
    }
    long[] source = counts(from, references.stream().map(c -> "COUNT(" + SqlServerDialect.quote(c.sourceColumn()) + ")")
        .toList(), SqlServerDialect.table(plan.sourceTable()));
    long[] stage = counts(target, references.stream().map(c -> "count(" + StageNames.quote(c.targetColumn()) + ")")
        .toList(), plan.qualifiedTarget());
    Map<String, Long> nulled = new TreeMap<>();
    for (int i = 0; i < references.size(); i++) {
      if (source[i] > stage[i]) {
        nulled.put(references.get(i).attribute(), source[i] - stage[i]);
      }
    }
    return nulled;
  }

  private static long[] counts(Connection connection, List<String> expressions, String table) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + String.join(", ", expressions) + " FROM " + table)) {
      rs.next();
      long[] counts = new long[expressions.size()];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = rs.getLong(i + 1);
      }
      return counts;
    }
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
