package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.DropwizardTestSupport;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.odcmigrate.config.StageConfig;
import org.odcmigrate.migration.DataMigrationWorkflow;

/**
 * Every endpoint of the API over HTTP against the running {@code dev} application, auth off:
 * answers, paging, live and stored views, cancel, a migration terminated in Temporal, every error
 * class as problem JSON, the OpenAPI document and the admin port's health and metrics. The tests
 * share one app and its completed migration; a test that starts another one leaves the worker idle
 * when it ends, so the tests run in any order.
 *
 * <p>A behaviour test over HTTP, spanning every resource of the api module; named for the API.
 */
class ApiTest {

  private static DropwizardTestSupport<OdcMigrateConfiguration> app;
  private static OdcMigrateConfiguration config;
  private static ApiHttp api;
  private static String completed;

  @BeforeAll
  static void startDevAndMigrateOnce() throws Exception {
    config = TestDevConfiguration.create(50);
    app = new DropwizardTestSupport<>(OdcMigrateApplication.class, config, DevCommand::new);
    app.before();
    api = new ApiHttp(app.getLocalPort(), null);
    completed = api.start();
    assertThat(api.awaitEnd(completed).path("status").asText()).isEqualTo("COMPLETED");
  }

  @AfterAll
  static void stopDev() {
    if (app != null) {
      app.after();
    }
  }

  private static StageConfig stage() {
    return config.getStages().get("Development");
  }

  @Test
  void environmentsShowNameTimeZoneAndDatabaseWithoutCredentials() throws Exception {
    HttpResponse<String> answer = api.get("/api/environments");
    JsonNode environments = api.ok(answer, 200);
    assertThat(environments).hasSize(1);
    assertThat(environments.get(0).path("name").asText()).isEqualTo("O11-Sample");
    assertThat(environments.get(0).path("timeZone").asText()).isEqualTo("UTC");
    assertThat(environments.get(0).path("database").path("kind").asText()).isEqualTo("h2");
    assertThat(answer.body()).doesNotContain("jdbc:", "password", "user", "MODE=");
  }

  @Test
  void stagesShowHostPortAndDatabaseOnly() throws Exception {
    HttpResponse<String> answer = api.get("/api/stages");
    JsonNode stages = api.ok(answer, 200);
    assertThat(stages).hasSize(1);
    JsonNode database = stages.get(0).path("database");
    assertThat(stages.get(0).path("name").asText()).isEqualTo("Development");
    assertThat(database.path("kind").asText()).isEqualTo("postgresql");
    assertThat(database.path("host").asText()).isEqualTo("localhost");
    assertThat(database.path("port").asInt()).isPositive();
    assertThat(database.path("database").asText()).isEqualTo("postgres");
    assertThat(answer.body()).doesNotContain("jdbc:", "password", "user");
  }

  @Test
  void stageAppsIncludeUnpublishedOnesAndSayWhichCanBeMigrated() throws Exception {
    try (Connection stage =
            DriverManager.getConnection(stage().url(), stage().user(), stage().password());
        Statement st = stage.createStatement()) {
      st.execute(
          "UPDATE odc_catalog.app SET status = 'UNPUBLISHED', deployed = false WHERE name = 'Catalog'");
      st.execute(
          "INSERT INTO odc_catalog.app VALUES ('other-app', 'Elsewhere', 'module-of-another-environment',"
              + " 'elsewhere', 'PUBLISHED', true, 'elsewhere_runtime')");
      try {
        JsonNode all = api.ok(api.get("/api/stages/Development/apps"), 200);
        assertThat(all)
            .extracting(a -> a.path("name").asText())
            .containsExactly("Catalog", "Customers", "Elsewhere", "Orders");
        JsonNode catalog = all.get(0);
        assertThat(catalog.path("status").asText()).isEqualTo("UNPUBLISHED");
        assertThat(catalog.path("deployed").asBoolean()).isFalse();
        assertThat(catalog.path("entities"))
            .extracting(e -> e.path("name").asText())
            .containsExactly("Product", "Warehouse");
        assertThat(catalog.has("migratable")).as("only with ?source=").isFalse();

        JsonNode fromSample =
            api.ok(api.get("/api/stages/Development/apps?source=O11-Sample"), 200);
        assertThat(fromSample)
            .extracting(a -> a.path("name").asText())
            .containsExactly("Catalog", "Customers", "Orders");
        assertThat(fromSample.get(0).path("migratable").asBoolean()).isFalse();
        assertThat(fromSample.get(0).path("reason").asText())
            .contains("not published")
            .contains("not deployed");
        assertThat(fromSample.get(1).path("migratable").asBoolean()).isTrue();
        assertThat(fromSample.get(1).has("reason")).isFalse();
        assertThat(fromSample.get(1).path("entities"))
            .extracting(e -> e.path("isStatic").asBoolean())
            .contains(true, false);
      } finally {
        st.execute("DELETE FROM odc_catalog.app WHERE app_key = 'other-app'");
        st.execute(
            "UPDATE odc_catalog.app SET status = 'PUBLISHED', deployed = true WHERE name = 'Catalog'");
      }
    }
  }

  @Test
  void migrationsAreListedNewestFirstWithTotalsAndPaging() throws Exception {
    JsonNode all = api.ok(api.get("/api/migrations"), 200);
    assertThat(all).isNotEmpty();
    JsonNode first = null;
    for (JsonNode m : all) {
      if (m.path("id").asText().equals(completed)) {
        first = m;
      }
    }
    assertThat(first).as("the completed migration is listed").isNotNull();
    assertThat(first.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(first.path("targetStage").asText()).isEqualTo("Development");
    assertThat(first.path("sourceEnvironment").asText()).isEqualTo("O11-Sample");
    assertThat(first.path("entitiesMigrated").asInt())
        .isEqualTo(first.path("entitiesTotal").asInt())
        .isEqualTo(7);
    assertThat(first.path("rowsWritten").asLong()).isPositive();
    assertThat(first.path("usersMigrated").asInt()).isPositive();
    List<String> started = new ArrayList<>();
    all.forEach(m -> started.add(m.path("startedAt").asText()));
    assertThat(started).isSortedAccordingTo((a, b) -> b.compareTo(a));

    assertThat(api.ok(api.get("/api/migrations?limit=1"), 200)).hasSize(1);
    assertThat(api.ok(api.get("/api/migrations?limit=1&offset=" + all.size()), 200)).isEmpty();
    ApiHttp.problem(api.get("/api/migrations?limit=0"), 400);
    assertThat(ApiHttp.problem(api.get("/api/migrations?limit=501"), 400).path("detail").asText())
        .contains("limit", "500");
    ApiHttp.problem(api.get("/api/migrations?limit=ten"), 400);
    ApiHttp.problem(api.get("/api/migrations?offset=-1"), 400);
  }

  @Test
  void logsComeAfterTheLineAlreadyShown() throws Exception {
    JsonNode all = api.ok(api.get("/api/migrations/" + completed + "/logs"), 200);
    int count = all.path("lines").size();
    assertThat(count).isGreaterThan(5);
    assertThat(all.path("migrationId").asText()).isEqualTo(completed);
    assertThat(all.path("next").asInt()).isEqualTo(count);
    assertThat(all.path("lines").get(0).path("number").asInt()).isEqualTo(1);
    assertThat(all.path("lines").get(count - 1).path("message").asText()).contains("completed");

    JsonNode rest = api.ok(api.get("/api/migrations/" + completed + "/logs?after=2"), 200);
    assertThat(rest.path("lines")).hasSize(count - 2);
    assertThat(rest.path("lines").get(0).path("number").asInt()).isEqualTo(3);
    JsonNode none = api.ok(api.get("/api/migrations/" + completed + "/logs?after=" + count), 200);
    assertThat(none.path("lines")).isEmpty();
    assertThat(none.path("next").asInt()).isEqualTo(count);
    ApiHttp.problem(api.get("/api/migrations/" + completed + "/logs?after=-3"), 400);
  }

  @Test
  void entitiesOfEveryAppWithRowCounts() throws Exception {
    JsonNode entities = api.ok(api.get("/api/migrations/" + completed + "/entities"), 200);
    assertThat(entities.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(entities.path("apps"))
        .extracting(a -> a.path("appName").asText())
        .containsExactlyInAnyOrder("Catalog", "Customers", "Orders");
    int count = 0;
    for (JsonNode app : entities.path("apps")) {
      for (JsonNode entity : app.path("entities")) {
        count++;
        assertThat(entity.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(entity.path("rowsWritten").asLong())
            .isEqualTo(entity.path("sourceRows").asLong())
            .isPositive();
        assertThat(entity.has("nulledReferences")).isTrue();
        assertThat(entity.path("entityKey").asText()).isNotEmpty();
      }
    }
    assertThat(count).isEqualTo(7);
  }

  @Test
  void everyErrorClassIsProblemJson() throws Exception {
    ApiHttp.problem(api.post("/api/migrations", "{\"sourceEnvironment\":"), 400);
    ApiHttp.problem(api.post("/api/migrations", ""), 400);
    assertThat(
            ApiHttp.problem(
                    api.post(
                        "/api/migrations",
                        ApiHttp.START_SAMPLE.replace(
                            "false,\"undeployApps\"", "\"no\",\"undeployApps\"")),
                    400)
                .path("detail")
                .asText())
        .contains("stopEnvironment", "true or false");
    assertThat(
            ApiHttp.problem(
                    api.post(
                        "/api/migrations",
                        "{\"targetStage\":\"Development\",\"stopEnvironment\":false,"
                            + "\"undeployApps\":false}"),
                    400)
                .path("detail")
                .asText())
        .contains("sourceEnvironment", "required");
    assertThat(
            ApiHttp.problem(
                    api.post(
                        "/api/migrations", ApiHttp.START_SAMPLE.replace("}", ",\"force\":true}")),
                    400)
                .path("detail")
                .asText())
        .contains("force");
    assertThat(ApiHttp.problem(api.get("/api/migrations/no-such-id"), 404).path("detail").asText())
        .contains("no-such-id");
    ApiHttp.problem(api.get("/api/migrations/no-such-id/logs"), 404);
    ApiHttp.problem(api.get("/api/migrations/no-such-id/entities"), 404);
    ApiHttp.problem(api.post("/api/migrations/no-such-id/cancel", "{}"), 404);
    assertThat(ApiHttp.problem(api.get("/api/stages/Production/apps"), 404).path("detail").asText())
        .contains("Production", "Development");
    ApiHttp.problem(api.get("/api/nothing-here"), 404);
    assertThat(
            ApiHttp.problem(api.send(api.request("/api/migrations").DELETE()), 405)
                .path("detail")
                .asText())
        .contains("GET", "POST");
    ApiHttp.problem(
        api.send(
            api.request("/api/migrations")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(ApiHttp.START_SAMPLE))),
        415);
    // Raw: the server answers 413 before reading the body, which an HTTP client may fail to
    // receive.
    RawHttp.Answer tooLarge =
        RawHttp.send(
            app.getLocalPort(),
            RawHttp.request(
                "POST",
                "/api/migrations",
                Map.of("Content-Type", "application/json"),
                ("{\"sourceEnvironment\":\"" + "x".repeat(70_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8)));
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.headers().get("content-type")).isEqualTo("application/problem+json");
    assertThat(ApiHttp.JSON.readTree(tooLarge.body()).path("detail").asText())
        .contains("65536 bytes");
    assertThat(
            ApiHttp.problem(
                    api.post(
                        "/api/migrations", ApiHttp.START_SAMPLE.replace("O11-Sample", "Nowhere")),
                    422)
                .path("detail")
                .asText())
        .contains("Nowhere", "O11-Sample");
    ApiHttp.problem(
        api.post("/api/migrations", ApiHttp.START_SAMPLE.replace("Development", "Production")),
        422);
    assertThat(
            ApiHttp.problem(
                    api.post(
                        "/api/migrations",
                        ApiHttp.START_SAMPLE.replace("O11-Sample", "e".repeat(101))),
                    422)
                .path("detail")
                .asText())
        .contains("sourceEnvironment", "100");
    ApiHttp.problem(api.get("/api/stages/Development/apps?source=Nowhere"), 422);
    assertThat(
            ApiHttp.problem(api.post("/api/migrations/" + completed + "/cancel", "{}"), 409)
                .path("detail")
                .asText())
        .contains("COMPLETED", "not running");
    ApiHttp.problem(
        api.post(
            "/api/migrations/" + completed + "/cancel", "{\"reason\":\"" + "r".repeat(501) + "\"}"),
        422);
  }

  @Test
  void checkRunsThePreparationOverHttpAndNamesWhatIsWrong() throws Exception {
    JsonNode check = api.ok(api.get("/api/environments/O11-Sample/check?stage=Development"), 200);
    assertThat(check.path("canStart").asBoolean()).as(check.toString()).isTrue();
    assertThat(check.path("derived")).hasSize(1);
    assertThat(check.path("derived").get(0).asText()).startsWith("end users' tenant");
    assertThat(check.path("entities")).hasSize(7);
    assertThat(check.path("rowsPerSecond").asLong()).isEqualTo(136_509);
    assertThat(check.path("rewrites").findValuesAsText("kind")).contains("DELETED_STATIC_RECORD");
    assertThat(api.ok(api.get("/api/environments/O11-Sample/check"), 200).path("stage").asText())
        .as("the only stage")
        .isEqualTo("Development");
    ApiHttp.problem(api.get("/api/environments/Nowhere/check"), 422);
    ApiHttp.problem(api.get("/api/environments/O11-Sample/check?stage=Nowhere"), 422);
  }

  @Test
  void openApiDocumentDescribesEveryEndpoint() throws Exception {
    JsonNode document = api.ok(api.get("/api/openapi.json"), 200);
    assertThat(document.path("openapi").asText()).startsWith("3.");
    assertThat(document.path("paths").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "/api/environments",
            "/api/environments/{name}/users/validation",
            "/api/environments/{name}/start",
            "/api/environments/{name}/check",
            "/api/stages",
            "/api/stages/{stage}/apps",
            "/api/migrations",
            "/api/migrations/{id}",
            "/api/migrations/{id}/logs",
            "/api/migrations/{id}/entities",
            "/api/migrations/{id}/cancel",
            "/api/migrations/{id}/pause",
            "/api/migrations/{id}/resume",
            "/api/migrations/{id}/limits");
    assertThat(
            document
                .path("paths")
                .path("/api/migrations/{id}/limits")
                .path("put")
                .path("operationId")
                .asText())
        .isEqualTo("setMigrationLimits");
    assertThat(document.path("components").path("schemas").has("ChangeLimits")).isTrue();
    assertThat(
            document
                .path("paths")
                .path("/api/migrations")
                .path("post")
                .path("operationId")
                .asText())
        .isEqualTo("startMigration");
    assertThat(document.path("components").path("schemas").has("StartMigration")).isTrue();
    HttpResponse<String> yaml = api.get("/api/openapi.yaml");
    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.body()).contains("openapi:", "/api/migrations/{id}/cancel");
  }

  @Test
  void adminPortHasHealthChecksAndPrometheusMetrics() throws Exception {
    ApiHttp admin = new ApiHttp(app.getAdminPort(), null);
    HttpResponse<String> health = admin.get("/healthcheck");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    JsonNode checks = ApiHttp.JSON.readTree(health.body());
    for (String check :
        List.of("temporal", "environment-O11-Sample", "stage-Development", "deadlocks")) {
      assertThat(checks.path(check).path("healthy").asBoolean())
          .as(check + ": " + checks.path(check))
          .isTrue();
    }
    HttpResponse<String> metrics = admin.get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains(
            "odc_migrate_migrations_running",
            "org_odcmigrate_api_resources_MigrationResource_start",
            "io_dropwizard_jetty_MutableServletContextHandler");
    // dev runs a worker in this process: its copy and activity metrics are in the same registry.
    assertThat(metrics.body())
        .contains(
            "odc_migrate_copy_rows_total",
            "odc_migrate_copy_batches_total",
            "odc_migrate_activity_duration_seconds_count{activity=\"CopySmallEntities\"}",
            "odc_migrate_activity_slots");
  }

  /**
   * Waits until the worker in this process runs no activity, as its admin port's gauges say: an
   * activity of a workflow terminated in Temporal only learns so at its next heartbeat, after the
   * lock it waited for is gone, and must not write into the stage while another test runs.
   */
  private static void awaitWorkerIdle() throws Exception {
    ApiHttp admin = new ApiHttp(app.getAdminPort(), null);
    java.util.regex.Pattern running =
        java.util.regex.Pattern.compile(
            "^odc_migrate_activity_running\\{[^}]*\\} ([0-9.]+)$",
            java.util.regex.Pattern.MULTILINE);
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (true) {
      java.util.regex.Matcher gauge = running.matcher(admin.get("/metrics").body());
      double busy = 0;
      while (gauge.find()) {
        busy += Double.parseDouble(gauge.group(1));
      }
      if (busy == 0) {
        return;
      }
      assertThat(System.nanoTime()).as("the worker to run no activity").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  @Test
  void runningMigrationIsLiveAndCanBeCancelled() throws Exception {
    String id;
    try (StageTableLock lock = new StageTableLock(stage())) {
      id = api.start();
      JsonNode running = api.migration(id);
      assertThat(running.path("status").asText()).isEqualTo("RUNNING");

      JsonNode conflict = ApiHttp.problem(api.post("/api/migrations", ApiHttp.START_SAMPLE), 409);
      assertThat(conflict.path("migrationId").asText()).isEqualTo(id);
      JsonNode newest = api.ok(api.get("/api/migrations?limit=1"), 200).get(0);
      assertThat(newest.path("id").asText()).isEqualTo(id);
      assertThat(newest.path("status").asText()).isEqualTo("RUNNING");
      JsonNode logs = api.awaitLogs(id);
      assertThat(logs.path("status").asText()).isEqualTo("RUNNING");
      assertThat(logs.path("lines").get(0).path("message").asText()).contains(id, "started");

      CancelRecorded.awaitHeldUp(config.getTemporal().target(), "Development", lock.apps());
      JsonNode accepted =
          api.ok(
              api.post("/api/migrations/" + id + "/cancel", "{\"reason\":\"wrong stage chosen\"}"),
              202);
      assertThat(accepted.path("id").asText()).isEqualTo(id);
      assertThat(accepted.path("targetStage").asText()).isEqualTo("Development");
      assertThat(accepted.path("reason").asText()).isEqualTo("wrong stage chosen");
      CancelRecorded.await(config.getTemporal().target(), "Development");
    }
    JsonNode cancelled = api.awaitEnd(id);
    assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(cancelled.toString()).contains("wrong stage chosen");
    ApiHttp.problem(api.post("/api/migrations/" + id + "/cancel", "{}"), 409);
    assertThat(api.ok(api.get("/api/migrations/" + id + "/entities"), 200).path("status").asText())
        .isEqualTo("CANCELLED");
    awaitWorkerIdle();
  }

  @Test
  void migrationTerminatedInTemporalIsNeverShownRunning() throws Exception {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(config.getTemporal().target())
                .build());
    try (StageTableLock lock = new StageTableLock(stage())) {
      String id = api.start();
      api.await(id, v -> v.path("status").asText().equals("RUNNING"), "ran");
      WorkflowClient.newInstance(service)
          .newUntypedWorkflowStub(DataMigrationWorkflow.workflowId("Development"))
          .terminate("stopped by an operator in the Temporal UI");

      JsonNode view = api.migration(id);
      assertThat(view.path("status").asText()).isEqualTo("FAILED");
      assertThat(view.path("error").asText()).contains("terminated");
      JsonNode listed = api.ok(api.get("/api/migrations?limit=1"), 200).get(0);
      assertThat(listed.path("id").asText()).isEqualTo(id);
      assertThat(listed.path("status").asText()).isEqualTo("FAILED");
      assertThat(listed.path("error").asText()).contains("terminated");
      ApiHttp.problem(api.post("/api/migrations/" + id + "/cancel", "{}"), 409);
    } finally {
      service.shutdownNow();
    }
    awaitWorkerIdle();
  }
}
