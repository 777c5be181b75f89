package org.odcmigrate.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.migration.CopyTask;
import org.odcmigrate.migration.KeyRange;

/**
 * The copy metrics count what was committed: a resumed range adds only the rows it copies itself.
 */
class CopyMetricsTest {

  private SampleSource source;

  @AfterEach
  void close() {
    if (source != null) {
      source.close();
    }
  }

  @Test
  void committedRowsBatchesAndRangesAreCountedOnce() throws Exception {
    source = SampleSource.create(320, 5L);
    SampleMigration migration =
        SampleMigration.create(source, EmbeddedStage.newDatabase(), "metrics-1");
    migration.dropForeignKeys();
    MetricRegistry registry = new MetricRegistry();
    CopyTask task = migration.task("Customers", "Customer", 50, 200);

    // A worker that stops after its second batch hands the range back; another one resumes it.
    WorkerDraining draining = new WorkerDraining();
    EntityCopier stopping =
        new EntityCopier(
            source.dataSource(),
            migration.stage(),
            ZoneOffset.UTC,
            false,
            draining,
            new CopyMetrics(registry));
    List<KeyRange> ranges = stopping.prepare(task);
    assertThat(ranges).hasSizeGreaterThan(1);
    int[] batches = {0};
    assertThatThrownBy(
            () ->
                stopping.copyRange(
                    task,
                    ranges.get(0),
                    p -> {
                      if (++batches[0] == 2) {
                        draining.start();
                      }
                    }))
        .isInstanceOf(WorkerDraining.Released.class);
    assertThat(registry.meter(CopyMetrics.ROWS).getCount()).isEqualTo(100);
    assertThat(registry.counter(CopyMetrics.BATCHES).getCount()).isEqualTo(2);
    assertThat(registry.counter(CopyMetrics.RANGES_COMPLETED).getCount()).isZero();

    EntityCopier resuming =
        new EntityCopier(
            source.dataSource(),
            migration.stage(),
            ZoneOffset.UTC,
            false,
            new WorkerDraining(),
            new CopyMetrics(registry));
    long expectedBatches = 2;
    for (KeyRange range : ranges) {
      long rows = resuming.copyRange(task, range, p -> {}).rowsWritten();
      long copiedNow = range.number() == 0 ? rows - 100 : rows;
      expectedBatches += (copiedNow + 49) / 50;
    }
    // Copying a completed range again commits nothing and counts nothing.
    resuming.copyRange(task, ranges.get(0), p -> {});

    assertThat(registry.meter(CopyMetrics.ROWS).getCount())
        .isEqualTo(source.rows("Customers", "Customer"))
        .isEqualTo(320);
    assertThat(registry.counter(CopyMetrics.BATCHES).getCount()).isEqualTo(expectedBatches);
    assertThat(registry.counter(CopyMetrics.RANGES_COMPLETED).getCount()).isEqualTo(ranges.size());
    assertThat(registry.getGauges()).containsKey(CopyMetrics.ROWS_PER_SECOND);
  }
}
