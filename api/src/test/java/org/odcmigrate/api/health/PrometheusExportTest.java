package org.odcmigrate.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Dropwizard metrics in Prometheus' text format: labelled names become one labelled family each.
 */
class PrometheusExportTest {

  private static String scrape(MetricRegistry metrics) throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(text, PrometheusExport.of(metrics).scrape());
    return text.toString(StandardCharsets.UTF_8);
  }

  @Test
  void labelledNamesFormOneFamilyPerKind() throws Exception {
    MetricRegistry metrics = new MetricRegistry();
    metrics.counter("odc-migrate.activity.retries{activity=CopyEntityRange}").inc(3);
    metrics.counter("odc-migrate.activity.retries{activity=PlanMigration}").inc();
    metrics
        .counter(
            "odc-migrate.activity.failures{activity=CopyEntityRange,type=DataRejected,retryable=false}")
        .inc();
    metrics
        .timer("odc-migrate.activity.duration-seconds{activity=CopyEntityRange}")
        .update(2, TimeUnit.SECONDS);
    metrics
        .timer("odc-migrate.activity.duration-seconds{activity=PlanMigration}")
        .update(250, TimeUnit.MILLISECONDS);
    metrics.gauge(
        "odc-migrate.activity.running{activity=CopyEntityRange}", () -> (Gauge<Integer>) () -> 4);

    String text = scrape(metrics);

    assertThat(text)
        .contains(
            "# TYPE odc_migrate_activity_retries_total counter",
            "odc_migrate_activity_retries_total{activity=\"CopyEntityRange\"} 3.0",
            "odc_migrate_activity_retries_total{activity=\"PlanMigration\"} 1.0",
            "odc_migrate_activity_failures_total{activity=\"CopyEntityRange\",retryable=\"false\",type=\"DataRejected\"} 1.0",
            "# TYPE odc_migrate_activity_duration_seconds summary",
            "odc_migrate_activity_duration_seconds{activity=\"CopyEntityRange\",quantile=\"0.5\"} 2.0",
            "odc_migrate_activity_duration_seconds_count{activity=\"CopyEntityRange\"} 1",
            "odc_migrate_activity_duration_seconds{activity=\"PlanMigration\",quantile=\"0.99\"} 0.25",
            "# TYPE odc_migrate_activity_running gauge",
            "odc_migrate_activity_running{activity=\"CopyEntityRange\"} 4.0");
    assertThat(text).doesNotContain("{activity=CopyEntityRange}");
  }

  @Test
  void plainNamesAreExportedAsBeforeAndJerseyTotalsLeftOut() throws Exception {
    MetricRegistry metrics = new MetricRegistry();
    metrics.meter("odc-migrate.copy.rows").mark(1200);
    metrics.counter("odc-migrate.copy.batches").inc(3);
    metrics
        .timer("org.odcmigrate.api.resources.MigrationResource.start")
        .update(1, TimeUnit.MILLISECONDS);
    metrics
        .timer("org.odcmigrate.api.resources.MigrationResource.start.total")
        .update(1, TimeUnit.MILLISECONDS);

    String text = scrape(metrics);

    assertThat(text)
        .contains(
            "odc_migrate_copy_rows_total 1200.0",
            "odc_migrate_copy_batches_total 3.0",
            "org_odcmigrate_api_resources_MigrationResource_start_count 1");
    assertThat(text).doesNotContain("MigrationResource_start_total");
  }
}
