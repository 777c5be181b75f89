package org.odcmigrate.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.fixtures.CopiedRows;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.migration.CopyControl;
import org.odcmigrate.migration.CopyTask;
import org.odcmigrate.migration.EntityResult;
import org.odcmigrate.migration.KeyRange;
import org.odcmigrate.migration.RangeResult;
import org.odcmigrate.plan.EntityPlan;

/**
 * The live control that running copies read from the stage: a pause hands the range back after the
 * committed batch and the copy goes on from its checkpoint; the row rate is shared by the copies
 * running.
 */
class CopyControlTest {

  private static final String MIGRATION = "migration-control";

  private SampleSource source;

  @AfterEach
  void close() {
    source.close();
  }

  @Test
  void aPausedCopyHandsItsRangeBackAfterItsBatchAndResumesFromTheCheckpoint() throws Exception {
    source = SampleSource.small();
    SampleMigration migration =
        SampleMigration.create(source, EmbeddedStage.newDatabase(), MIGRATION);
    migration.dropForeignKeys();
    EntityCopier copier = new EntityCopier(source.dataSource(), migration.stage(), ZoneOffset.UTC);
    EntityPlan plan = migration.plan().entities().get(0);
    String app = plan.ref().appName();
    String entity = plan.ref().entityName();
    long sourceRows = source.rows(app, entity);
    CopyTask task = migration.task(app, entity, 2, 1_000_000);
    List<KeyRange> ranges = copier.prepare(task);
    assertThat(ranges).hasSize(1);
    assertThat(sourceRows).isGreaterThan(2);

    // The pause arrives while the first batch is being committed.
    AtomicBoolean told = new AtomicBoolean();
    RangeResult first =
        copier.copyRange(
            task,
            ranges.get(0),
            p -> {
              if (told.compareAndSet(false, true)) {
                control(migration, new CopyControl(1, true, 0));
              }
            });
    assertThat(first.handedBack()).isTrue();
    assertThat(first.rowsWritten()).isEqualTo(2);
    assertThat(CopiedRows.stageCount(migration, plan)).isEqualTo(2);

    // Still paused: a copy started again hands back before writing anything.
    RangeResult again = copier.copyRange(task, ranges.get(0), p -> {});
    assertThat(again.handedBack()).isTrue();
    assertThat(CopiedRows.stageCount(migration, plan)).isEqualTo(2);

    control(migration, new CopyControl(2, false, 0));
    // An older revision arriving late does not pause it again.
    control(migration, new CopyControl(1, true, 0));
    RangeResult resumed = copier.copyRange(task, ranges.get(0), p -> {});
    assertThat(resumed.handedBack()).isFalse();
    assertThat(resumed.rowsWritten()).isEqualTo(sourceRows);
    EntityResult verified = copier.verify(task);
    assertThat(verified.status()).isEqualTo(EntityResult.Status.COMPLETED);
    CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC);
  }

  @Test
  void theRowRateIsSharedByTheCopiesRunningAndBoundsTheirBatches() throws Exception {
    source = SampleSource.small();
    SampleMigration migration =
        SampleMigration.create(source, EmbeddedStage.newDatabase(), MIGRATION);
    control(migration, new CopyControl(1, false, 90));
    CopyThrottle one = new CopyThrottle(MIGRATION, "a#0");
    CopyThrottle two = new CopyThrottle(MIGRATION, "b#0");
    CopyThrottle three = new CopyThrottle(MIGRATION, "c#0");
    try (Connection stage = migration.stage().getConnection()) {
      stage.setAutoCommit(false);
      assertThat(one.paused(stage)).isFalse();
      assertThat(one.batchRows(5_000)).isEqualTo(90);
      two.paused(stage);
      three.paused(stage);
      one.paused(stage);
      assertThat(one.batchRows(5_000)).isEqualTo(30);
      assertThat(three.batchRows(5_000)).isEqualTo(30);
      assertThat(one.batchRows(10)).isEqualTo(10);

      three.done(stage);
      one.paused(stage);
      assertThat(one.batchRows(5_000)).isEqualTo(45);

      stage.setAutoCommit(true);
      CopyControlStore.write(stage, MIGRATION, new CopyControl(2, false, 0));
      stage.setAutoCommit(false);
      one.paused(stage);
      assertThat(one.batchRows(5_000)).as("no limit").isEqualTo(5_000);
    }
  }

  private static void control(SampleMigration migration, CopyControl control) {
    try (Connection stage = migration.stage().getConnection()) {
      CopyControlStore.write(stage, MIGRATION, control);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
