package org.odcmigrate.copy;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;

/**
 * What the copy engine has committed in this process: rows, batches and completed key ranges.
 * Counted only after the stage transaction that holds a batch and its checkpoint has committed, so
 * a retried copy, which resumes from its checkpoint, never counts a row twice.
 */
public final class CopyMetrics {

  static final String ROWS = "odc-migrate.copy.rows";
  static final String ROWS_PER_SECOND = "odc-migrate.copy.rows-per-second";
  static final String BATCHES = "odc-migrate.copy.batches";
  static final String RANGES_COMPLETED = "odc-migrate.copy.ranges-completed";

  private final Meter rows;
  private final Counter batches;
  private final Counter rangesCompleted;

  /**
   * Registers the copy metrics in {@code registry}, or finds them there when another worker of the
   * process did.
   */
  public CopyMetrics(MetricRegistry registry) {
    this.rows = registry.meter(ROWS);
    this.batches = registry.counter(BATCHES);
    this.rangesCompleted = registry.counter(RANGES_COMPLETED);
    // Prometheus computes rates from the counter itself; the moving average serves dashboards
    // without it.
    registry.gauge(ROWS_PER_SECOND, () -> (Gauge<Double>) rows::getOneMinuteRate);
  }

  /** Metrics nobody reads: for copiers outside a worker (tests, tools). */
  public static CopyMetrics unread() {
    return new CopyMetrics(new MetricRegistry());
  }

  void batchCommitted(long rowCount) {
    rows.mark(rowCount);
    batches.inc();
  }

  void rangeCompleted() {
    rangesCompleted.inc();
  }
}
