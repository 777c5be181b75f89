package org.odcmigrate.api.health;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * A process's Dropwizard metrics in Prometheus' model, the same way for the API and for workers.
 */
public final class PrometheusExport {

  private PrometheusExport() {}

  /**
   * A registry of its own, not the global default (tests run several applications in one JVM),
   * holding every metric of {@code metrics}: labelled names as labelled families, the rest as the
   * Dropwizard exporter names them.
   */
  public static PrometheusRegistry of(MetricRegistry metrics) {
    PrometheusRegistry registry = new PrometheusRegistry();
    // Prometheus strips a "_total" suffix, so Jersey's "<method>.total" timer would collide with
    // the method's own timer and fail every scrape: leave those out.
    DropwizardExports.builder()
        .dropwizardRegistry(metrics)
        .metricFilter(
            (name, metric) -> !name.endsWith(".total") && !LabelledMetrics.isLabelled(name))
        .register(registry);
    registry.register(new LabelledMetrics(metrics));
    return registry;
  }
}
