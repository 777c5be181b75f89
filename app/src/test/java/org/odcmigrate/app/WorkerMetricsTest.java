package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.migration.DataMigrationWorkflow;
import org.odcmigrate.migration.MigrationOptions;
import org.odcmigrate.migration.MigrationReport;
import org.odcmigrate.migration.MigrationRequest;
import org.odcmigrate.migration.MigrationStatus;
import org.odcmigrate.plan.EntityPlan;

/**
 * A worker as the {@code worker} command runs it, on the Temporal test server, a sample O11
 * environment (H2) and an embedded PostgreSQL stage: after a migration its admin port serves the
 * copy and activity metrics in Prometheus' format, and health checks that name a stopped database.
 *
 * <p>A behaviour test spanning WorkerCommand, RunningWorker, WorkerAdmin and the worker module's
 * metrics; named for that behaviour.
 */
class WorkerMetricsTest {

  private static final int ROWS_PER_ENTITY = 120;
  private static final int BATCH = 40;
  private static final String TASK_QUEUE = "worker-metrics";

  private Closeable temporalServer;
  private EmbeddedPostgres postgres;
  private SampleSource source;
  private RunningWorker worker;
  private WorkflowServiceStubs service;

  @AfterEach
  void stopEverything() throws IOException {
    if (service != null) {
      service.shutdownNow();
    }
    if (worker != null) {
      worker.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    if (source != null) {
      source.close();
    }
    if (temporalServer != null) {
      temporalServer.close();
    }
  }

  @Test
  void adminPortServesCopyAndActivityMetricsAndHealth() throws Exception {
    int temporalPort = freePort();
    temporalServer = TestServer.createPortBoundServer(temporalPort);
    postgres = EmbeddedPostgres.builder().start();
    DataSource stage = postgres.getPostgresDatabase();
    source = SampleSource.create(ROWS_PER_ENTITY, 11L);
    SampleMigration.convert(source, stage);
    List<EntityPlan> planned = SampleMigration.plan(source, stage).entities();
    long sourceRows =
        planned.stream().mapToLong(e -> source.sample().rowCounts().get(e.sourceTable())).sum();
    long minimumBatches =
        planned.stream()
            .mapToLong(e -> (source.sample().rowCounts().get(e.sourceTable()) + BATCH - 1) / BATCH)
            .sum();

    OdcMigrateConfiguration config =
        parse(
            """
        temporal:
          target: localhost:%d
          taskQueue: %s
          stickyScheduleToStartSeconds: 0
        environments:
          O11-Sample:
            url: "%s"
            user: ""
            password: ""
            timeZone: UTC
        stages:
          Development:
            url: "jdbc:postgresql://localhost:%d/postgres"
            user: postgres
            password: postgres
        worker:
          admin:
            port: 0
            bindHost: 127.0.0.1
        """
                .formatted(temporalPort, TASK_QUEUE, source.url(), postgres.getPort()));
    worker = RunningWorker.start(config, new MetricRegistry(), new HealthCheckRegistry());
    ApiHttp admin = new ApiHttp(worker.adminPort().orElseThrow(), null);

    MigrationReport report = migrate(temporalPort);
    assertThat(report.status()).as(report.error()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(report.rowsWritten()).isEqualTo(sourceRows);

    HttpResponse<String> scrape = admin.get("/metrics");
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    String metrics = scrape.body();
    // Rows are counted when their batch commits with its checkpoint: exactly once, retries or not.
    assertThat(value(metrics, "odc_migrate_copy_rows_total")).isEqualTo(sourceRows);
    // A retried range resumes with a new batch, so retries can only add batches.
    assertThat(value(metrics, "odc_migrate_copy_batches_total"))
        .isGreaterThanOrEqualTo(minimumBatches)
        .isPositive();
    assertThat(value(metrics, "odc_migrate_copy_ranges_completed_total")).isEqualTo(planned.size());
    // Every sample entity is one key range: prepared, copied and verified in a group's activity.
    assertThat(
            value(
                metrics,
                "odc_migrate_activity_duration_seconds_count{activity=\"CopySmallEntities\"}"))
        .isBetween(1L, (long) planned.size());
    assertThat(metrics)
        .contains(
            "odc_migrate_activity_duration_seconds{activity=\"CopySmallEntities\",quantile=\"0.99\"}",
            "odc_migrate_activity_schedule_to_start_seconds_count{activity=\"CopySmallEntities\"}",
            "odc_migrate_activity_duration_seconds_count{activity=\"PlanMigration\"} 1",
            "odc_migrate_activity_running{activity=\"CopySmallEntities\"} 0.0",
            "odc_migrate_activity_slots 16.0",
            "odc_migrate_copy_rows_per_second");

    HttpResponse<String> healthy = admin.get("/healthcheck");
    assertThat(healthy.statusCode()).as(healthy.body()).isEqualTo(200);
    JsonNode checks = ApiHttp.JSON.readTree(healthy.body());
    for (String check :
        List.of("temporal", "environment-O11-Sample", "stage-Development", "deadlocks")) {
      assertThat(checks.path(check).path("healthy").asBoolean())
          .as(check + ": " + checks.path(check))
          .isTrue();
    }

    postgres.close();
    postgres = null;
    HttpResponse<String> unhealthy = admin.get("/healthcheck");
    assertThat(unhealthy.statusCode()).as(unhealthy.body()).isEqualTo(500);
    JsonNode stopped = ApiHttp.JSON.readTree(unhealthy.body());
    assertThat(stopped.path("stage-Development").path("healthy").asBoolean()).isFalse();
    assertThat(stopped.path("stage-Development").path("message").asText())
        .contains("ODC stage Development");
    assertThat(stopped.path("temporal").path("healthy").asBoolean()).isTrue();
    assertThat(stopped.path("environment-O11-Sample").path("healthy").asBoolean()).isTrue();
  }

  private MigrationReport migrate(int temporalPort) {
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget("localhost:" + temporalPort)
                .build());
    DataMigrationWorkflow workflow =
        WorkflowClient.newInstance(service)
            .newWorkflowStub(
                DataMigrationWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(DataMigrationWorkflow.workflowId("Development"))
                    .setTaskQueue(TASK_QUEUE)
                    .setWorkflowExecutionTimeout(Duration.ofMinutes(3))
                    .build());
    MigrationOptions options = new MigrationOptions(3, 4, BATCH, 250_000, Duration.ofSeconds(30));
    return workflow.migrate(
        new MigrationRequest("metrics-1", "O11-Sample", "Development", false, false, options));
  }

  /**
   * The value of one sample line of the scrape, such as {@code odc_migrate_copy_rows_total 1234.0}.
   */
  private static long value(String metrics, String sample) {
    Matcher line = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(metrics);
    assertThat(line.find()).as("%s in%n%s", sample, metrics).isTrue();
    return (long) Double.parseDouble(line.group(1));
  }

  private static OdcMigrateConfiguration parse(String yaml) throws Exception {
    ConfigurationSourceProvider text =
        path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
    return new YamlConfigurationFactory<>(
            OdcMigrateConfiguration.class,
            Validators.newValidator(),
            OdcMigrateApplication.configure(Jackson.newObjectMapper()),
            "dw")
        .build(text, "worker.yml");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
