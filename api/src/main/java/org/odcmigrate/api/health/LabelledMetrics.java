package org.odcmigrate.api.health;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Dropwizard metrics whose names carry labels, {@code family{label=value,...}}, as one labelled
 * Prometheus family each: {@code odc-migrate.activity.retries{activity=CopyEntityRange}} becomes
 * {@code odc_migrate_activity_retries_total{activity="CopyEntityRange"}}. (The Dropwizard
 * exporter's own label mapping cannot put two Dropwizard metrics into one family.) Counters and
 * meters become counters, gauges gauges, timers summaries in seconds.
 */
final class LabelledMetrics implements MultiCollector {

  private static final double NANOS_PER_SECOND = 1e9;

  private final MetricRegistry registry;

  LabelledMetrics(MetricRegistry registry) {
    this.registry = registry;
  }

  static boolean isLabelled(String name) {
    return name.indexOf('{') > 0 && name.endsWith("}");
  }

  @Override
  public MetricSnapshots collect() {
    Map<String, List<Member>> families = new TreeMap<>();
    registry
        .getMetrics()
        .forEach(
            (name, metric) -> {
              if (isLabelled(name)) {
                int brace = name.indexOf('{');
                families
                    .computeIfAbsent(name.substring(0, brace), f -> new ArrayList<>())
                    .add(new Member(labels(name.substring(brace + 1, name.length() - 1)), metric));
              }
            });
    MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
    families.forEach(
        (family, members) -> {
          MetricSnapshot snapshot = snapshot(family, members);
          if (snapshot != null) {
            snapshots.metricSnapshot(snapshot);
          }
        });
    return snapshots.build();
  }

  private record Member(Labels labels, Metric metric) {}

  private static Labels labels(String text) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        labels.put(
            PrometheusNaming.sanitizeLabelName(pair.substring(0, equals)),
            pair.substring(equals + 1));
      }
    }
    return Labels.of(new ArrayList<>(labels.keySet()), new ArrayList<>(labels.values()));
  }

  /**
   * One family of one kind; members of another kind than the first are left out rather than failing
   * the scrape.
   */
  private static MetricSnapshot snapshot(String family, List<Member> members) {
    Metric first = members.get(0).metric();
    MetricMetadata metadata =
        new MetricMetadata(
            PrometheusNaming.sanitizeMetricName(family),
            family
                + " by "
                + String.join(
                    ", ", members.get(0).labels().stream().map(l -> l.getName()).toList()));
    if (first instanceof Counter || first instanceof Meter) {
      List<CounterDataPointSnapshot> points = new ArrayList<>();
      for (Member m : members) {
        if (m.metric() instanceof Counter c) {
          points.add(
              CounterDataPointSnapshot.builder().labels(m.labels()).value(c.getCount()).build());
        } else if (m.metric() instanceof Meter meter) {
          points.add(
              CounterDataPointSnapshot.builder()
                  .labels(m.labels())
                  .value(meter.getCount())
                  .build());
        }
      }
      return new CounterSnapshot(metadata, points);
    }
    if (first instanceof Timer) {
      List<SummaryDataPointSnapshot> points = new ArrayList<>();
      for (Member m : members) {
        if (m.metric() instanceof Timer timer) {
          points.add(
              SummaryDataPointSnapshot.builder()
                  .labels(m.labels())
                  .count(timer.getCount())
                  .quantiles(quantilesInSeconds(timer.getSnapshot()))
                  .build());
        }
      }
      return new SummarySnapshot(metadata, points);
    }
    if (first instanceof Gauge) {
      List<GaugeDataPointSnapshot> points = new ArrayList<>();
      for (Member m : members) {
        if (m.metric() instanceof Gauge<?> gauge && gauge.getValue() instanceof Number value) {
          points.add(
              GaugeDataPointSnapshot.builder()
                  .labels(m.labels())
                  .value(value.doubleValue())
                  .build());
        }
      }
      return new GaugeSnapshot(metadata, points);
    }
    return null;
  }

  /** The quantiles the Dropwizard exporter gives unlabelled timers, so both kinds read alike. */
  private static Quantiles quantilesInSeconds(Snapshot snapshot) {
    return Quantiles.builder()
        .quantile(0.5, snapshot.getMedian() / NANOS_PER_SECOND)
        .quantile(0.75, snapshot.get75thPercentile() / NANOS_PER_SECOND)
        .quantile(0.95, snapshot.get95thPercentile() / NANOS_PER_SECOND)
        .quantile(0.98, snapshot.get98thPercentile() / NANOS_PER_SECOND)
        .quantile(0.99, snapshot.get99thPercentile() / NANOS_PER_SECOND)
        .quantile(0.999, snapshot.get999thPercentile() / NANOS_PER_SECOND)
        .build();
  }
}
