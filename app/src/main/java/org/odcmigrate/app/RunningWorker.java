package org.odcmigrate.app;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.codahale.metrics.health.jvm.ThreadDeadlockHealthCheck;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalInt;
import org.odcmigrate.api.health.Operations;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.TemporalConnection;
import org.odcmigrate.worker.MigrationWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the {@code worker} command runs: the Temporal connection, the database pools, the worker,
 * and its admin port with the worker's metrics and health checks. Closing stops them in reverse
 * order, so the admin port still answers while running copies drain.
 */
final class RunningWorker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RunningWorker.class);

  private final Deque<AutoCloseable> started;
  private final WorkerAdmin admin;

  private RunningWorker(Deque<AutoCloseable> started, WorkerAdmin admin) {
    this.started = started;
    this.admin = admin;
  }

  /** Connects, opens the admin port (if enabled), then starts polling the task queue. */
  static RunningWorker start(
      OdcMigrateConfiguration config, MetricRegistry metrics, HealthCheckRegistry checks)
      throws Exception {
    Deque<AutoCloseable> started = new ArrayDeque<>();
    try {
      TemporalConnection temporal = TemporalConnection.open(config.getTemporal());
      started.push(temporal);
      Connections connections = config.connections();
      started.push(connections);
      MigrationWorker worker =
          MigrationWorker.create(temporal.client(), config.getTemporal(), connections, metrics);

      WorkerAdmin admin = null;
      WorkerConfig.AdminPort adminPort = config.getWorker().admin();
      if (adminPort.enabled()) {
        Operations.registerHealthChecks(
            checks, temporal.service(), config.getTemporal().target(), connections);
        if (!checks.getNames().contains("deadlocks")) {
          checks.register("deadlocks", new ThreadDeadlockHealthCheck());
        }
        admin = WorkerAdmin.start(adminPort, metrics, checks);
        started.push(admin);
        LOG.info("Worker admin port {}: /metrics, /healthcheck", admin.port());
      }
      started.push(worker);
      worker.start();
      return new RunningWorker(started, admin);
    } catch (Exception | Error e) {
      close(started);
      throw e;
    }
  }

  /** The admin port listened on, unless it is turned off. */
  OptionalInt adminPort() {
    return admin == null ? OptionalInt.empty() : OptionalInt.of(admin.port());
  }

  /**
   * Stops polling and lets running copies commit their batch, then closes the port and the
   * connections.
   */
  @Override
  public void close() {
    close(started);
  }

  private static void close(Deque<AutoCloseable> started) {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        LOG.warn("stopping a part of the worker failed", e);
      }
    }
  }
}
