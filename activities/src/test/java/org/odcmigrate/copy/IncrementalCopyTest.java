package org.odcmigrate.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.fixtures.CopiedRows;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.migration.CopyProgress;
import org.odcmigrate.migration.CopyTask;
import org.odcmigrate.migration.EntityResult;
import org.odcmigrate.migration.KeyRange;
import org.odcmigrate.o11.SqlServerDialect;
import org.odcmigrate.plan.ColumnPlan;
import org.odcmigrate.plan.EntityPlan;

/**
 * The incremental run against a generated O11 environment (H2) and a real PostgreSQL stage: a full
 * copy, changes in O11 and in the stage, then a run that copies only the changed key ranges.
 */
class IncrementalCopyTest {

  private static final String FULL = "full-1";
  private static final String NEXT = "incremental-2";
  private static final int BATCH = 7;
  private static final long SPLIT = 20;
  private static final Consumer<CopyProgress> IGNORE = p -> {};

  private final List<SampleSource> sources = new ArrayList<>();

  @AfterEach
  void closeSources() {
    sources.forEach(SampleSource::close);
  }

  private SampleMigration migrate(SampleSource source) throws SQLException {
    sources.add(source);
    SampleMigration migration = SampleMigration.create(source, EmbeddedStage.newDatabase(), FULL);
    migration.dropForeignKeys();
    migration.store(NEXT);
    return migration;
  }

  private static EntityCopier copier(SampleMigration migration) {
    return new EntityCopier(migration.source().dataSource(), migration.stage(), ZoneOffset.UTC);
  }

  private static EntityResult copyAll(EntityCopier copier, CopyTask task) throws Exception {
    for (KeyRange range : copier.prepare(task)) {
      copier.copyRange(task, range, IGNORE);
    }
    return copier.verify(task);
  }

  private static CopyTask incremental(CopyTask full) {
    return incremental(full, NEXT, FULL);
  }

  /** The task of migration {@code id}, incremental on migration {@code base}. */
  private static CopyTask incremental(CopyTask full, String id, String base) {
    return new CopyTask(
        id,
        full.environment(),
        full.stage(),
        full.entity(),
        full.batchSize(),
        full.splitRows(),
        full.sourceFrozen(),
        base);
  }

  @Test
  void copiesOnlyTheRangesThatChangedInTheSourceOrInTheStage() throws Exception {
    SampleMigration migration = migrate(SampleSource.create(200, 14));
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    EntityCopier copier = copier(migration);
    CopyTask full = migration.task("Customers", "Customer", BATCH, SPLIT);
    EntityResult first = copyAll(copier, full);
    assertThat(first.rangesKept()).isZero();
    int ranges = first.rangesCopied();
    assertThat(ranges).isGreaterThan(8);

    String table = migration.source().table("Customers", "Customer");
    List<Long> ids = sourceIds(migration, plan, table);
    long low = ids.get(1);
    long middle = ids.get(ids.size() / 2);
    // A long text and a binary updated near the start, a row deleted in the middle, one inserted
    // past the largest id.
    sourceUpdate(
        migration,
        "UPDATE "
            + SqlServerDialect.table(table)
            + " SET "
            + column(plan, "Notes")
            + " = ?"
            + " WHERE "
            + column(plan, "Id")
            + " = ?",
        "x".repeat(4_000) + " changed",
        low);
    sourceUpdate(
        migration,
        "UPDATE "
            + SqlServerDialect.table(table)
            + " SET "
            + column(plan, "Photo")
            + " = ?"
            + " WHERE "
            + column(plan, "Id")
            + " = ?",
        new byte[] {1, 2, 3, 0, 4},
        ids.get(2));
    sourceUpdate(
        migration,
        "DELETE FROM " + SqlServerDialect.table(table) + " WHERE " + column(plan, "Id") + " = ?",
        middle);
    insertCopyOf(migration, plan, table, ids.get(3));
    // A change made in the stage itself, in a range O11 did not touch.
    long tampered = ids.get(ids.size() - 10);
    try (Connection stage = migration.stage().getConnection();
        PreparedStatement ps =
            stage.prepareStatement(
                "UPDATE " + plan.qualifiedTarget() + " SET name = 'changed in ODC' WHERE id = ?")) {
      ps.setLong(1, tampered);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }

    CopyTask next = incremental(full);
    List<KeyRange> toCopy = copier.prepare(next);
    assertThat(copier.prepare(next)).as("prepared once").isEqualTo(toCopy);
    for (KeyRange range : toCopy) {
      copier.copyRange(next, range, IGNORE);
    }
    EntityResult second = copier.verify(next);

    assertThat(second.status()).isEqualTo(EntityResult.Status.COMPLETED);
    CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC);
    assertThat(second.rowsWritten()).isEqualTo(ids.size()); // one deleted, one inserted
    assertThat(second.rangesKept()).isPositive();
    // The updated ranges (one or two), the deleted row's, the tampered one's, and the new keys.
    assertThat(second.rangesCopied()).isBetween(4, 5);
    assertThat(second.rangesKept() + second.rangesCopied()).isEqualTo(ranges + 1);
    assertThat(second.rowsRecopied()).isPositive().isLessThan(ids.size() / 2);
    assertThat(stageName(migration, plan, tampered)).isNotEqualTo("changed in ODC");

    // Nothing changed since: everything is kept but the (empty) range past the last key.
    migration.store("incremental-3");
    CopyTask third = incremental(next, "incremental-3", NEXT);
    EntityResult quiet = copyAll(copier, third);
    assertThat(quiet.rangesCopied()).isEqualTo(1);
    assertThat(quiet.rowsRecopied()).isZero();
    CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC);
  }

  @Test
  void anEntityWithTextKeysIsKeptWholeOrCopiedWhole() throws Exception {
    SampleMigration migration = migrate(SampleSource.create(120, 3));
    EntityPlan plan = migration.entityPlan("Catalog", "Product");
    EntityCopier copier = copier(migration);
    CopyTask full = migration.task("Catalog", "Product", BATCH, SPLIT);
    int ranges = copyAll(copier, full).rangesCopied();
    assertThat(ranges).isGreaterThan(1);

    EntityResult unchanged = copyAll(copier, incremental(full));
    assertThat(unchanged.rangesKept()).isEqualTo(ranges);
    assertThat(unchanged.rowsRecopied()).isZero();

    String table = migration.source().table("Catalog", "Product");
    migration.store("incremental-3");
    sourceUpdate(
        migration,
        "UPDATE "
            + SqlServerDialect.table(table)
            + " SET "
            + column(plan, "Name")
            + " = 'renamed' WHERE "
            + column(plan, "Sku")
            + " = (SELECT MIN("
            + column(plan, "Sku")
            + ") FROM "
            + SqlServerDialect.table(table)
            + ")");
    CopyTask third = incremental(full, "incremental-3", NEXT);
    EntityResult changed = copyAll(copier, third);
    assertThat(changed.rangesKept()).isZero();
    assertThat(changed.rowsRecopied()).isEqualTo(migration.source().rows("Catalog", "Product"));
    CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC);
  }

  @Test
  void aRangeInterruptedMidwayIsCopiedOnceFromItsCheckpoint() throws Exception {
    SampleMigration migration = migrate(SampleSource.create(200, 5));
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    EntityCopier copier = copier(migration);
    CopyTask full = migration.task("Customers", "Customer", BATCH, SPLIT);
    copyAll(copier, full);
    String table = migration.source().table("Customers", "Customer");
    List<Long> ids = sourceIds(migration, plan, table);
    sourceUpdate(
        migration,
        "UPDATE "
            + SqlServerDialect.table(table)
            + " SET "
            + column(plan, "Name")
            + " = 'moved'"
            + " WHERE "
            + column(plan, "Id")
            + " <= ?",
        ids.get(30));

    CopyTask next = incremental(full);
    List<KeyRange> toCopy = copier.prepare(next);
    // A worker stops after the first batch of the first range (what the drain does), another goes
    // on from the checkpoint: the prepare is not repeated, no row is lost or doubled.
    WorkerDraining draining = new WorkerDraining();
    draining.start();
    EntityCopier stopping =
        new EntityCopier(
            migration.source().dataSource(), migration.stage(), ZoneOffset.UTC, false, draining);
    try {
      stopping.copyRange(next, toCopy.get(0), IGNORE);
    } catch (WorkerDraining.Released expected) {
      // the batch before it is committed with its checkpoint
    }
    assertThat(copier.prepare(next)).isEqualTo(toCopy);
    for (KeyRange range : copier.prepare(next)) {
      copier.copyRange(next, range, IGNORE);
    }
    EntityResult result = copier.verify(next);
    assertThat(result.status()).isEqualTo(EntityResult.Status.COMPLETED);
    assertThat(result.rangesKept()).isPositive();
    CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC);
  }

  @Test
  void rowsChangedWhileTheirRangeIsCopiedAreCopiedAgainByTheNextRun() throws Exception {
    SampleMigration migration = migrate(SampleSource.create(200, 9));
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    String table = migration.source().table("Customers", "Customer");
    List<Long> ids = sourceIds(migration, plan, table);
    // The environment keeps running: no snapshot, the range is read batch by batch.
    CopyTask running = migration.task("Customers", "Customer", BATCH, SPLIT);
    CopyTask full =
        new CopyTask(
            running.migrationId(),
            running.environment(),
            running.stage(),
            running.entity(),
            BATCH,
            SPLIT,
            false);
    EntityCopier copier = copier(migration);
    List<KeyRange> ranges = copier.prepare(full);
    copyFirstBatchOnly(migration, full, ranges.get(0));
    // O11 users change a row the copy has already written, and one it has yet to read.
    String name = column(plan, "Name");
    String id = column(plan, "Id");
    String update =
        "UPDATE " + SqlServerDialect.table(table) + " SET " + name + " = ? WHERE " + id + " = ?";
    sourceUpdate(migration, update, "changed after its copy", ids.get(0));
    sourceUpdate(migration, update, "changed before its copy", ids.get(BATCH + 1));
    for (KeyRange range : ranges) {
      copier.copyRange(full, range, IGNORE);
    }
    assertThat(copier.verify(full).status()).isEqualTo(EntityResult.Status.COMPLETED);
    assertThat(stageName(migration, plan, ids.get(0))).isNotEqualTo("changed after its copy");
    assertThat(stageName(migration, plan, ids.get(BATCH + 1))).isEqualTo("changed before its copy");

    // The range's fingerprint describes the rows as copied, so the next run sees that the source
    // moved on in range 0 only, and copies it again.
    CopyTask next = incremental(full);
    EntityResult second = copyAll(copier, next);
    assertThat(second.status()).isEqualTo(EntityResult.Status.COMPLETED);
    CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC);
    assertThat(second.rangesKept()).isEqualTo(ranges.size() - 1);
    assertThat(second.rowsRecopied()).isEqualTo(SPLIT);
  }

  @Test
  void fingerprintsOfAnEarlierRowHashAreNeitherContinuedNorKept() throws Exception {
    SampleMigration migration = migrate(SampleSource.create(200, 11));
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    CopyTask full = migration.task("Customers", "Customer", BATCH, SPLIT);
    EntityCopier copier = copier(migration);
    List<KeyRange> ranges = copier.prepare(full);
    copyFirstBatchOnly(migration, full, ranges.get(0));
    // Range 0's checkpoint as a version with the earlier row hash left it: a partial sum without
    // the format's prefix, which the rest of the range must not be added to.
    String earlier =
        "substring(source_fingerprint from " + (FingerprintSum.FORMAT.length() + 2) + ")";
    assertThat(
            stageUpdate(
                migration,
                "UPDATE odc_catalog.copy_checkpoint SET source_fingerprint = "
                    + earlier
                    + " WHERE migration_id = ? AND range_no = 0 AND rows_written > 0",
                FULL))
        .isEqualTo(1);
    for (KeyRange range : ranges) {
      copier.copyRange(full, range, IGNORE);
    }
    assertThat(copier.verify(full).status()).isEqualTo(EntityResult.Status.COMPLETED);
    // Range 1 as stored by that version: the same sums, in the earlier text.
    assertThat(
            stageUpdate(
                migration,
                "UPDATE odc_catalog.range_fingerprint SET source_fingerprint = "
                    + earlier
                    + " WHERE migration_id = ? AND range_no = 1",
                FULL))
        .isEqualTo(1);
    try (Connection stage = migration.stage().getConnection()) {
      List<RangeFingerprints.Stored> stored = RangeFingerprints.load(stage, FULL, full.entity());
      assertThat(stored.get(0).fingerprint()).isNull();
      assertThat(stored.get(1).fingerprint()).doesNotStartWith(FingerprintSum.FORMAT + ":");
      assertThat(stored.get(2).fingerprint()).startsWith(FingerprintSum.FORMAT + ":");
    }

    // Nothing changed in O11, yet both ranges are copied again; the others are kept.
    EntityResult next = copyAll(copier, incremental(full));
    assertThat(next.status()).isEqualTo(EntityResult.Status.COMPLETED);
    CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC);
    assertThat(next.rangesKept()).isEqualTo(ranges.size() - 2);
    assertThat(next.rowsRecopied()).isEqualTo(2 * SPLIT);
  }

  private static int stageUpdate(SampleMigration migration, String sql, String migrationId)
      throws SQLException {
    try (Connection stage = migration.stage().getConnection();
        PreparedStatement ps = stage.prepareStatement(sql)) {
      ps.setString(1, migrationId);
      return ps.executeUpdate();
    }
  }

  private static String column(EntityPlan plan, String attribute) {
    return SqlServerDialect.quote(
        plan.columns().stream()
            .filter(c -> c.attribute().equals(attribute))
            .map(ColumnPlan::sourceColumn)
            .findFirst()
            .orElseThrow());
  }

  private static List<Long> sourceIds(SampleMigration migration, EntityPlan plan, String table)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection source = migration.source().dataSource().getConnection();
        Statement st = source.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT "
                    + column(plan, "Id")
                    + " FROM "
                    + SqlServerDialect.table(table)
                    + " ORDER BY 1")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private static void sourceUpdate(SampleMigration migration, String sql, Object... values)
      throws SQLException {
    try (Connection source = migration.source().dataSource().getConnection();
        PreparedStatement ps = source.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        ps.setObject(i + 1, values[i]);
      }
      assertThat(ps.executeUpdate()).as(sql).isPositive();
    }
  }

  /** A new row past the largest id, with the values of row {@code id}. */
  private static void insertCopyOf(
      SampleMigration migration, EntityPlan plan, String table, long id) throws SQLException {
    String others =
        String.join(
            ", ",
            plan.columns().stream()
                .filter(c -> !c.identifier())
                .map(c -> SqlServerDialect.quote(c.sourceColumn()))
                .toList());
    String idColumn = column(plan, "Id");
    String t = SqlServerDialect.table(table);
    sourceUpdate(
        migration,
        "INSERT INTO "
            + t
            + " ("
            + idColumn
            + ", "
            + others
            + ") SELECT (SELECT MAX("
            + idColumn
            + ") FROM "
            + t
            + ") + 100, "
            + others
            + " FROM "
            + t
            + " WHERE "
            + idColumn
            + " = ?",
        id);
  }

  private static String stageName(SampleMigration migration, EntityPlan plan, long id)
      throws SQLException {
    try (Connection stage = migration.stage().getConnection();
        PreparedStatement ps =
            stage.prepareStatement(
                "SELECT name FROM " + plan.qualifiedTarget() + " WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /** Copies the range's first batch only, as a worker stopping after it would. */
  private static void copyFirstBatchOnly(SampleMigration migration, CopyTask task, KeyRange range)
      throws Exception {
    WorkerDraining draining = new WorkerDraining();
    draining.start();
    try {
      new EntityCopier(
              migration.source().dataSource(), migration.stage(), ZoneOffset.UTC, false, draining)
          .copyRange(task, range, IGNORE);
    } catch (WorkerDraining.Released expected) {
      // the first batch is committed
    }
  }
}
