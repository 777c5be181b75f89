package org.odcmigrate.api.health;

import com.codahale.metrics.health.HealthCheck;
import org.odcmigrate.api.core.WorkerPresence;

/**
 * Whether any worker polls the migrations' task queue: with none, migrations stand still while the
 * API keeps answering, so this is the check to alert on.
 */
public class WorkerHealthCheck extends HealthCheck {

  private final WorkerPresence workers;

  public WorkerHealthCheck(WorkerPresence workers) {
    this.workers = workers;
  }

  @Override
  protected Result check() {
    WorkerPresence.Pollers pollers = workers.pollers();
    if (!pollers.known()) {
      return Result.healthy(
          "this Temporal server does not report the pollers of task queue %s (DescribeTaskQueue)",
          workers.taskQueue());
    }
    if (pollers.count() == 0) {
      return Result.unhealthy(
          "no worker polls task queue %s%s: migrations stand still until one starts",
          workers.taskQueue(),
          pollers.lastPoll() == null ? "" : " (last poll " + pollers.lastPoll() + ")");
    }
    return Result.healthy("%d worker(s) poll task queue %s", pollers.count(), workers.taskQueue());
  }
}
