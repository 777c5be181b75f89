package org.odcmigrate.api.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcmigrate.api.core.MigrationCore;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.config.MigrationDefaults;
import org.odcmigrate.config.TemporalConfig;
import org.odcmigrate.migration.AppProgress;
import org.odcmigrate.migration.DataMigrationWorkflow;
import org.odcmigrate.migration.EntityRef;
import org.odcmigrate.migration.EntityResult;
import org.odcmigrate.migration.LogLine;
import org.odcmigrate.migration.MigrationOptions;
import org.odcmigrate.migration.MigrationProgress;
import org.odcmigrate.migration.MigrationRequest;
import org.odcmigrate.migration.MigrationStatus;
import org.odcmigrate.migration.Phase;
import org.odcmigrate.migration.ProgressMemo;
import org.odcmigrate.report.MigrationStore;

/**
 * Every read of a running migration answers within the API's 2 s bound when no worker polls its
 * task queue (all crashed, a rolling restart, scaled to zero), marked {@code live: false} with why.
 *
 * <p>A behaviour test spanning MigrationResource, MigrationFinder, LiveProgress and WorkerPresence;
 * named for that behaviour.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MigrationsWithoutWorkerTest {

  private static final Duration BOUND = Duration.ofSeconds(2);
  private static final String ID = "20260202-120000-beef";
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
          Map.of("Development", StageMigrations.stage()));
  private static final MigrationCore CORE =
      MigrationCore.create(
          TEMPORAL.getWorkflowClient(),
          TemporalConfig.defaults(),
          CONNECTIONS,
          MigrationDefaults.defaults(),
          Clock.systemUTC());

  static final ResourceExtension RESOURCES =
      MigrationResourceTest.resources(
          new MigrationResource(CORE.starter(), CORE.finder(), CORE.controls()));

  /** A migration started and recorded in its stage, on a task queue no worker polls. */
  @BeforeAll
  static void startWithoutWorker() throws Exception {
    TEMPORAL.start();
    MigrationRequest request =
        new MigrationRequest(ID, "O11", "Development", false, false, MigrationOptions.defaults());
    DataMigrationWorkflow workflow =
        TEMPORAL
            .getWorkflowClient()
            .newWorkflowStub(
                DataMigrationWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(DataMigrationWorkflow.workflowId("Development"))
                    .setTaskQueue(TemporalConfig.defaults().taskQueue())
                    .setMemo(Map.of("migrationId", ID, ProgressMemo.KEY, keptProgress()))
                    .build());
    WorkflowClient.start(workflow::migrate, request);
    try (Connection stage = CONNECTIONS.stage("Development").getConnection()) {
      MigrationStore.recordStart(stage, request);
    }
    // The bound is a running API's: the first request of a JVM loads its classes.
    assertThat(RESOURCES.target("/api/migrations/none").request().get().getStatus()).isEqualTo(404);
  }

  /** What a workflow keeps in its memo once its worker has copied one entity of two. */
  private static MigrationProgress keptProgress() {
    EntityRef customer = new EntityRef("sales", "Sales", "k-customer", "Customer");
    EntityRef order = new EntityRef("sales", "Sales", "k-order", "Order");
    AppProgress sales =
        new AppProgress(
            "sales",
            "Sales",
            MigrationStatus.RUNNING,
            List.of(
                EntityResult.completed(customer, 1000, 1000, 0),
                new EntityResult(order, EntityResult.Status.COPYING, 0, 0, 0, null)),
            null);
    Instant started = Instant.parse("2026-02-02T12:00:00Z");
    return new MigrationProgress(
        ID,
        "O11",
        "Development",
        Phase.APP_DATA,
        MigrationStatus.RUNNING,
        started,
        null,
        2,
        1,
        1000,
        0,
        List.of(sales),
        List.of(new LogLine(started, LogLine.Level.INFO, "App data: copying 1 apps")),
        null,
        null);
  }

  @AfterAll
  static void close() {
    TEMPORAL.close();
    CONNECTIONS.close();
  }

  @Test
  void theMigrationAnswersNotLiveWithWhy() {
    JsonNode migration = read(RESOURCES.target("/api/migrations/" + ID));
    assertThat(migration.get("status").asText()).isEqualTo("RUNNING");
    assertThat(migration.get("sourceEnvironment").asText()).isEqualTo("O11");
    assertThat(migration.get("live").asBoolean()).isFalse();
    assertThat(migration.get("notLiveReason").asText())
        .startsWith("no worker is polling task queue data-migration");
  }

  /** The phase and counts the workflow kept durably, read by an API process that never saw it. */
  @Test
  void theLastKeptPhaseAndCountsAreShown() {
    JsonNode migration = read(RESOURCES.target("/api/migrations/" + ID));
    assertThat(migration.get("live").asBoolean()).isFalse();
    assertThat(migration.get("phase").asText()).isEqualTo("APP_DATA");
    assertThat(migration.get("entitiesTotal").asInt()).isEqualTo(2);
    assertThat(migration.get("entitiesMigrated").asInt()).isEqualTo(1);
    assertThat(migration.get("rowsWritten").asLong()).isEqualTo(1000);
    assertThat(migration.get("log").get(0).get("message").asText())
        .isEqualTo("App data: copying 1 apps");
    JsonNode entities =
        read(RESOURCES.target("/api/migrations/" + ID + "/entities")).get("apps").get(0);
    assertThat(entities.get("entities").get(0).get("status").asText()).isEqualTo("COMPLETED");
    assertThat(entities.get("entities").get(0).get("rowsWritten").asLong()).isEqualTo(1000);
    assertThat(entities.get("entities").get(1).get("status").asText()).isEqualTo("COPYING");
  }

  @Test
  void theListAnswersNotLive() {
    JsonNode list = read(RESOURCES.target("/api/migrations"));
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("id").asText()).isEqualTo(ID);
    assertThat(list.get(0).get("live").asBoolean()).isFalse();
    assertThat(list.get(0).get("notLiveReason").asText()).contains("task queue data-migration");
  }

  @Test
  void theEntitiesAndLogsAnswerNotLive() {
    JsonNode entities = read(RESOURCES.target("/api/migrations/" + ID + "/entities"));
    assertThat(entities.get("status").asText()).isEqualTo("RUNNING");
    assertThat(entities.get("live").asBoolean()).isFalse();
    JsonNode logs = read(RESOURCES.target("/api/migrations/" + ID + "/logs"));
    assertThat(logs.get("live").asBoolean()).isFalse();
  }

  /** Signals wait in Temporal for the next worker: a cancel is accepted without one. */
  @Test
  void aCancelIsAcceptedForTheNextWorker() {
    Response cancel =
        assertTimeout(
            BOUND,
            () ->
                MigrationResourceTest.post(
                    RESOURCES,
                    "/api/migrations/" + ID + "/cancel",
                    "{\"reason\":\"scaled to zero\"}"));
    assertThat(cancel.getStatus()).isEqualTo(202);
  }

  private static JsonNode read(WebTarget target) {
    Response response = assertTimeout(BOUND, () -> target.request().get());
    assertThat(response.getStatus()).isEqualTo(200);
    return response.readEntity(JsonNode.class);
  }
}
