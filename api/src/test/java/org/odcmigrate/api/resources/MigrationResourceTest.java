package org.odcmigrate.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcmigrate.api.core.MigrationCore;
import org.odcmigrate.api.problem.ProblemMappers;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.config.MigrationDefaults;
import org.odcmigrate.config.TemporalConfig;

/**
 * {@link MigrationResource} over the API's core, a Temporal test server with a worker and embedded
 * stages: every endpoint's success and problem shapes. Each test has its own stage.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MigrationResourceTest {

  private static final TestWorkflowEnvironment TEMPORAL = TestWorkflowEnvironment.newInstance();
  private static final Connections CONNECTIONS =
      new Connections(
          Map.of(
              "O11",
              new EnvironmentConfig(
                  "jdbc:sqlserver://localhost:1;databaseName=none",
                  "sa",
                  null,
                  null,
                  1,
                  null,
                  false)),
          Map.of(
              "Running",
              StageMigrations.stage(),
              "Finished",
              StageMigrations.stage(),
              "Cancelled",
              StageMigrations.stage(),
              "Paused",
              StageMigrations.stage(),
              "Scheduled",
              StageMigrations.stage()));
  private static final MigrationCore CORE =
      MigrationCore.create(
          TEMPORAL.getWorkflowClient(),
          TemporalConfig.defaults(),
          CONNECTIONS,
          MigrationDefaults.defaults(),
          Clock.systemUTC());

  static {
    Worker worker = TEMPORAL.newWorker(TemporalConfig.defaults().taskQueue());
    worker.registerWorkflowImplementationTypes(StageMigrations.CopyingUntilCancelled.class);
    TEMPORAL.start();
  }

  static final ResourceExtension RESOURCES =
      resources(new MigrationResource(CORE.starter(), CORE.finder(), CORE.controls()));

  static ResourceExtension resources(Object resource) {
    ResourceExtension.Builder builder =
        ResourceExtension.builder().setRegisterDefaultExceptionMappers(false).addResource(resource);
    for (Object mapper : ProblemMappers.all()) {
      builder.addProvider(mapper);
    }
    return builder.build();
  }

  @AfterAll
  static void close() {
    TEMPORAL.close();
    CONNECTIONS.close();
  }

  @Test
  void aStartedMigrationIsAcceptedThenShownLiveAndASecondStartConflicts() {
    Response started = start("Running");
    assertThat(started.getStatus()).isEqualTo(202);
    JsonNode body = started.readEntity(JsonNode.class);
    String id = body.get("id").asText();
    assertThat(started.getLocation().getPath()).isEqualTo("/api/migrations/" + id);
    assertThat(body.get("status").asText()).isEqualTo("RUNNING");

    JsonNode live = get("/api/migrations/" + id);
    assertThat(live.get("live").asBoolean()).isTrue();
    assertThat(live.get("phase").asText()).isEqualTo("APP_DATA");
    assertThat(live.at("/apps/0/entities/0/rowsWritten").asLong()).isEqualTo(7);

    Response again = start("Running");
    assertThat(again.getStatus()).isEqualTo(409);
    JsonNode conflict = again.readEntity(JsonNode.class);
    assertThat(conflict.get("type").asText()).isEqualTo("/problems/migration-running");
    assertThat(conflict.get("migrationId").asText()).isEqualTo(id);
    assertThat(conflict.get("detail").asText())
        .contains("stage Running already has a running data migration");
  }

  @Test
  void aRunningMigrationIsCancelledOnceThenItIsNotRunning() {
    String id = start("Cancelled").readEntity(JsonNode.class).get("id").asText();
    Response cancel = post("/api/migrations/" + id + "/cancel", "{\"reason\":\"wrong stage\"}");
    assertThat(cancel.getStatus()).isEqualTo(202);
    JsonNode accepted = cancel.readEntity(JsonNode.class);
    assertThat(accepted.get("reason").asText()).isEqualTo("wrong stage");

    // The stand-in workflow ends without a report, as a workflow stopped in Temporal would.
    TEMPORAL
        .getWorkflowClient()
        .newUntypedWorkflowStub("data-migration/Cancelled")
        .getResult(Object.class);
    Response again = post("/api/migrations/" + id + "/cancel", "{}");
    assertThat(again.getStatus()).isEqualTo(409);
    JsonNode problem = again.readEntity(JsonNode.class);
    assertThat(problem.get("type").asText()).isEqualTo("/problems/migration-not-running");
    assertThat(problem.get("detail").asText())
        .isEqualTo(
            "migration "
                + id
                + " is FAILED, not running: only a running migration can be cancelled");
  }

  @Test
  void aFinishedMigrationIsReadFromItsReportWithEntitiesLogsAndInTheList() throws Exception {
    StageMigrations.storeCompleted(CONNECTIONS, "Finished", "20260101-100000-aaaa");

    JsonNode migration = get("/api/migrations/20260101-100000-aaaa");
    assertThat(migration.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(migration.get("rowsWritten").asLong()).isEqualTo(42);
    assertThat(migration.get("live").asBoolean()).isTrue();

    JsonNode entities = get("/api/migrations/20260101-100000-aaaa/entities");
    assertThat(entities.at("/apps/0/entities/0/entityName").asText()).isEqualTo("Order");
    assertThat(entities.at("/apps/0/entities/0/sourceRows").asLong()).isEqualTo(42);

    JsonNode logs =
        get(RESOURCES.target("/api/migrations/20260101-100000-aaaa/logs").queryParam("after", 1));
    assertThat(logs.get("lines")).hasSize(1);
    assertThat(logs.at("/lines/0/message").asText()).isEqualTo("done");
    assertThat(logs.get("next").asInt()).isEqualTo(2);

    JsonNode list = get(RESOURCES.target("/api/migrations").queryParam("limit", 500));
    assertThat(list.findValuesAsText("id")).contains("20260101-100000-aaaa");
  }

  @Test
  void anUnknownIdIsNotFound() {
    Response response = RESOURCES.target("/api/migrations/20990101-000000-ffff").request().get();
    assertThat(response.getStatus()).isEqualTo(404);
    JsonNode problem = response.readEntity(JsonNode.class);
    assertThat(problem.get("type").asText()).isEqualTo("/problems/migration-not-found");
    assertThat(problem.get("detail").asText())
        .isEqualTo("no data migration has the id '20990101-000000-ffff' in any configured stage");
  }

  @Test
  void anUnknownEnvironmentOrStageIsUnprocessable() {
    Response response =
        post(
            "/api/migrations",
            "{\"sourceEnvironment\":\"Nowhere\",\"targetStage\":\"Running\",\"stopEnvironment\":false,\"undeployApps\":false}");
    assertThat(response.getStatus()).isEqualTo(422);
    assertThat(response.readEntity(JsonNode.class).get("type").asText())
        .isEqualTo("/problems/unknown-environment");
  }

  @Test
  void badQueryParametersAndBodiesAreRefusedWithTheFieldNamed() {
    Response limit = RESOURCES.target("/api/migrations").queryParam("limit", "0").request().get();
    assertThat(limit.getStatus()).isEqualTo(400);
    assertThat(limit.readEntity(JsonNode.class).get("detail").asText()).contains("limit");

    Response body =
        post(
            "/api/migrations",
            "{\"sourceEnvironment\":\"O11\",\"targetStage\":\"Running\","
                + "\"stopEnvironment\":\"yes\",\"undeployApps\":false}");
    assertThat(body.getStatus()).isEqualTo(400);
    assertThat(body.readEntity(JsonNode.class).get("detail").asText()).contains("stopEnvironment");
  }

  @Test
  void aRunningMigrationIsPausedLimitedAndResumedWithConflictsAndNamedFields() {
    String id = start("Paused").readEntity(JsonNode.class).get("id").asText();
    Response pause = post("/api/migrations/" + id + "/pause", "{\"reason\":\"business hours\"}");
    assertThat(pause.getStatus()).isEqualTo(202);
    assertThat(pause.readEntity(JsonNode.class).get("action").asText()).isEqualTo("pause");
    JsonNode paused = awaitStatus(id, "PAUSED");
    assertThat(paused.at("/control/paused").asBoolean()).isTrue();
    assertThat(paused.at("/control/pausedBy").asText()).isEqualTo("an API user");
    assertThat(paused.at("/control/pauseReason").asText()).isEqualTo("business hours");
    assertThat(paused.at("/control/pausedSince").asText()).isNotBlank();

    Response again = post("/api/migrations/" + id + "/pause", "{}");
    assertThat(again.getStatus()).isEqualTo(409);
    assertThat(again.readEntity(JsonNode.class).get("detail").asText())
        .isEqualTo("migration " + id + " is already paused: resume it first");

    Response limited = put("/api/migrations/" + id + "/limits", "{\"parallelApps\":2}");
    assertThat(limited.getStatus()).isEqualTo(200);
    assertThat(limited.readEntity(JsonNode.class).get("limits").toString())
        .isEqualTo("{\"parallelApps\":2,\"parallelEntities\":4,\"maxRowsPerSecond\":0}");
    Response zero = put("/api/migrations/" + id + "/limits", "{\"parallelEntities\":0}");
    assertThat(zero.getStatus()).isEqualTo(422);
    assertThat(zero.readEntity(JsonNode.class).get("detail").asText()).contains("parallelEntities");
    Response negative = put("/api/migrations/" + id + "/limits", "{\"maxRowsPerSecond\":-1}");
    assertThat(negative.getStatus()).isEqualTo(422);
    assertThat(negative.readEntity(JsonNode.class).get("detail").asText())
        .contains("maxRowsPerSecond");
    Response empty = put("/api/migrations/" + id + "/limits", "{}");
    assertThat(empty.getStatus()).isEqualTo(422);
    assertThat(empty.readEntity(JsonNode.class).get("detail").asText())
        .isEqualTo("give at least one of parallelApps, parallelEntities, maxRowsPerSecond");

    assertThat(post("/api/migrations/" + id + "/resume", "").getStatus()).isEqualTo(202);
    JsonNode resumed = awaitStatus(id, "RUNNING");
    assertThat(resumed.at("/control/limits/parallelApps").asInt()).isEqualTo(2);
    Response notPaused = post("/api/migrations/" + id + "/resume", "");
    assertThat(notPaused.getStatus()).isEqualTo(409);
    assertThat(notPaused.readEntity(JsonNode.class).get("detail").asText())
        .isEqualTo(
            "migration " + id + " is RUNNING, not PAUSED: only a paused migration can be resumed");

    post("/api/migrations/" + id + "/cancel", "{}");
    TEMPORAL
        .getWorkflowClient()
        .newUntypedWorkflowStub("data-migration/Paused")
        .getResult(Object.class);
    Response finished = post("/api/migrations/" + id + "/pause", "{}");
    assertThat(finished.getStatus()).isEqualTo(409);
    assertThat(finished.readEntity(JsonNode.class).get("detail").asText())
        .contains("not running: only a running migration can be paused");
    assertThat(put("/api/migrations/" + id + "/limits", "{\"parallelApps\":1}").getStatus())
        .isEqualTo(409);
  }

  @Test
  void aStartTimeIsShownScheduledAndAnUnreadableOneIsNamed() {
    Response bad =
        post(
            "/api/migrations",
            "{\"sourceEnvironment\":\"O11\",\"targetStage\":\"Scheduled\",\"stopEnvironment\":false,"
                + "\"undeployApps\":false,\"startAt\":\"Sunday 02:00\"}");
    assertThat(bad.getStatus()).isEqualTo(422);
    assertThat(bad.readEntity(JsonNode.class).get("detail").asText())
        .isEqualTo(
            "startAt must be an ISO-8601 instant such as 2026-12-06T02:00:00Z, was Sunday 02:00");

    Response started =
        post(
            "/api/migrations",
            "{\"sourceEnvironment\":\"O11\",\"targetStage\":\"Scheduled\",\"stopEnvironment\":false,"
                + "\"undeployApps\":false,\"startAt\":\"2099-12-06T02:00:00Z\"}");
    assertThat(started.getStatus()).isEqualTo(202);
    JsonNode body = started.readEntity(JsonNode.class);
    assertThat(body.get("status").asText()).isEqualTo("SCHEDULED");
    // This test's mapper writes instants as numbers; the application's writes ISO-8601.
    assertThat(java.time.Instant.ofEpochSecond(body.at("/control/scheduledStart").asLong()))
        .isEqualTo(java.time.Instant.parse("2099-12-06T02:00:00Z"));
    // A scheduled migration holds its stage.
    assertThat(start("Scheduled").getStatus()).isEqualTo(409);
    post("/api/migrations/" + body.get("id").asText() + "/cancel", "{}");
  }

  private static JsonNode awaitStatus(String id, String status) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      JsonNode view = get("/api/migrations/" + id);
      if (view.get("status").asText().equals(status)) {
        return view;
      }
      assertThat(System.currentTimeMillis())
          .as("status " + status + ": " + view)
          .isLessThan(deadline);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static Response put(String path, String json) {
    return RESOURCES
        .target(path)
        .request()
        .put(Entity.entity(json, MediaType.APPLICATION_JSON_TYPE));
  }

  private static Response start(String stage) {
    return post(
        "/api/migrations",
        "{\"sourceEnvironment\":\"O11\",\"targetStage\":\""
            + stage
            + "\",\"stopEnvironment\":false,\"undeployApps\":false}");
  }

  private static Response post(String path, String json) {
    return post(RESOURCES, path, json);
  }

  static Response post(ResourceExtension resources, String path, String json) {
    return resources
        .target(path)
        .request()
        .post(Entity.entity(json, MediaType.APPLICATION_JSON_TYPE));
  }

  private static JsonNode get(String path) {
    return get(RESOURCES.target(path));
  }

  private static JsonNode get(WebTarget target) {
    Response response = target.request().get();
    assertThat(response.getStatus()).as(target.getUri().toString()).isEqualTo(200);
    return response.readEntity(JsonNode.class);
  }
}
