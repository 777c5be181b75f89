package org.odcmigrate.api.health;

import com.codahale.metrics.CachedGauge;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.Environment;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.odcmigrate.api.core.MigrationService;
import org.odcmigrate.config.Connections;

/** What operators watch on the admin port: health checks and Prometheus metrics. */
public final class Operations {

  private static final long CHECK_TIMEOUT_MILLIS = 3_000;

  private Operations() {}

  /**
   * Health checks for Temporal and every configured database at {@code /healthcheck}, and every
   * Dropwizard metric (JVM, Jetty, Jersey resources, our own) in Prometheus' format at {@code /metrics}.
   */
  public static void register(Environment environment, WorkflowServiceStubs temporal, String temporalTarget,
      Connections connections, MigrationService migrations) {
    environment.healthChecks().register("temporal", new TemporalHealthCheck(temporal, temporalTarget, CHECK_TIMEOUT_MILLIS));
    connections.environments().keySet().forEach(name -> environment.healthChecks().register("environment-" + name,
        new DatabaseHealthCheck("O11 environment " + name, connections.source(name), CHECK_TIMEOUT_MILLIS)));
    connections.stages().keySet().forEach(name -> environment.healthChecks().register("stage-" + name,
        new DatabaseHealthCheck("ODC stage " + name, connections.stage(name), CHECK_TIMEOUT_MILLIS)));

    // Cached: a scrape every few seconds must not become a Temporal call per stage each time.
    environment.metrics().register(MetricRegistry.name("odc-migrate", "migrations", "running"),
        new CachedGauge<Integer>(15, TimeUnit.SECONDS) {
          @Override
          protected Integer loadValue() {
            try {
              return migrations.running();
            } catch (RuntimeException e) {
              return -1; // Temporal unreachable: the temporal health check says so
            }
          }
        });

    // A registry of our own, not the global default: tests run several applications in one JVM.
    PrometheusRegistry registry = new PrometheusRegistry();
    // Prometheus strips a "_total" suffix, so Jersey's "<method>.total" timer would collide with
    // the method's own timer and fail every scrape: leave those out.
    DropwizardExports.builder()
        .dropwizardRegistry(environment.metrics())
        .metricFilter((name, metric) -> !name.endsWith(".total"))
        .register(registry);
    // An exact mapping wins over the admin servlet's "/*": /metrics answers in Prometheus' text format.
    environment.admin().addServlet("prometheus", new PrometheusMetricsServlet(registry)).addMapping("/metrics");
  }
}
