package org.odcmigrate.api.health;

import com.codahale.metrics.CachedGauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.dropwizard.core.setup.Environment;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.odcmigrate.api.core.MigrationCore;
import org.odcmigrate.api.core.WorkerPresence;
import org.odcmigrate.config.Connections;

/** What operators watch on the admin port: health checks and Prometheus metrics. */
public final class Operations {

  private static final long CHECK_TIMEOUT_MILLIS = 3_000;

  private Operations() {}

  /**
   * Health checks for Temporal and every configured database at {@code /healthcheck}, and every
   * Dropwizard metric (JVM, Jetty, Jersey resources, our own, and a worker's when one runs in the
   * process) in Prometheus' format at {@code /metrics}.
   */
  public static void register(
      Environment environment,
      WorkflowServiceStubs temporal,
      String temporalTarget,
      Connections connections,
      MigrationCore migrations) {
    registerHealthChecks(environment.healthChecks(), temporal, temporalTarget, connections);
    environment.healthChecks().register("workers", new WorkerHealthCheck(migrations.workers()));

    // Cached: a scrape every few seconds must not become a Temporal call per stage each time.
    environment
        .metrics()
        .register(
            MetricRegistry.name("odc-migrate", "migrations", "running"),
            new CachedGauge<Integer>(15, TimeUnit.SECONDS) {
              @Override
              protected Integer loadValue() {
                try {
                  return migrations.finder().running();
                } catch (RuntimeException e) {
                  return -1; // Temporal unreachable: the temporal health check says so
                }
              }
            });

    // -1 where the server does not report pollers (the test server); alert on 0.
    environment
        .metrics()
        .register(
            MetricRegistry.name("odc-migrate", "task-queue", "pollers"),
            new CachedGauge<Integer>(15, TimeUnit.SECONDS) {
              @Override
              protected Integer loadValue() {
                try {
                  WorkerPresence.Pollers pollers = migrations.workers().pollers();
                  return pollers.count();
                } catch (RuntimeException e) {
                  return -1;
                }
              }
            });

    // An exact mapping wins over the admin servlet's "/*": /metrics answers in Prometheus' text
    // format.
    environment
        .admin()
        .addServlet(
            "prometheus", new PrometheusMetricsServlet(PrometheusExport.of(environment.metrics())))
        .addMapping("/metrics");
  }

  /**
   * Temporal ({@code temporal}) and every configured database ({@code environment-<name>}, {@code
   * stage-<name>}), each answered within a few seconds: what the API and workers check.
   */
  public static void registerHealthChecks(
      HealthCheckRegistry checks,
      WorkflowServiceStubs temporal,
      String temporalTarget,
      Connections connections) {
    checks.register(
        "temporal", new TemporalHealthCheck(temporal, temporalTarget, CHECK_TIMEOUT_MILLIS));
    connections
        .environments()
        .keySet()
        .forEach(
            name ->
                checks.register(
                    "environment-" + name,
                    new DatabaseHealthCheck(
                        "O11 environment " + name,
                        connections.source(name),
                        CHECK_TIMEOUT_MILLIS)));
    connections
        .stages()
        .keySet()
        .forEach(
            name ->
                checks.register(
                    "stage-" + name,
                    new DatabaseHealthCheck(
                        "ODC stage " + name, connections.stage(name), CHECK_TIMEOUT_MILLIS)));
  }
}
