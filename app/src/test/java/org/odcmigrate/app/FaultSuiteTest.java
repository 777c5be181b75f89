package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.migration.DataMigrationWorkflow;
import org.odcmigrate.migration.MigrationOptions;
import org.odcmigrate.migration.MigrationReport;
import org.odcmigrate.migration.MigrationRequest;
import org.odcmigrate.migration.MigrationStatus;
import org.odcmigrate.o11.O11Metadata;
import org.odcmigrate.odc.ModelConverter;
import org.odcmigrate.sample.SampleEnvironment;

/**
 * One migration through the faults an operator meets, in turn, on real processes and databases: the
 * stage's PostgreSQL (tuned with {@code synchronous_commit = off}) crashed three times as {@code
 * pg_ctl stop -m immediate} does, the O11 connection cut mid-range, the API process SIGKILLed and
 * started again, the worker SIGKILLed, and every worker gone for a while, then one back. It must
 * end COMPLETED with every stage table equal to its O11 table, compared independently.
 *
 * <p>A behaviour test spanning every module on real processes; named for the fault suite it is.
 */
class FaultSuiteTest {

  private static final int ROWS = 30_000;
  private static final String TASK_QUEUE = "fault-suite";
  private static final int STAGE_CRASHES = 3;

  private FaultStack stack;
  private Path data;
  private EmbeddedPostgres postgres;
  private Server h2;

  @AfterEach
  void stopEverything() throws IOException {
    if (stack != null) {
      stack.close();
    }
    if (h2 != null) {
      h2.stop();
    }
    if (postgres != null) {
      postgres.close();
    }
    if (data != null) {
      FileUtils.deleteDirectory(data.toFile());
    }
  }

  @Test
  void aMigrationThroughEveryFaultCompletesWithTheStageEqualToTheSource() throws Exception {
    Path work = Files.createTempDirectory("odc-migrate-faults");
    stack = new FaultStack(work);
    int temporalPort = stack.startTemporal();
    data = work.resolve("stage-data");
    int stagePort = FaultStack.freePort();
    postgres = startStage(data, stagePort);
    String stageUrl = "jdbc:postgresql://localhost:" + stagePort + "/postgres";
    int h2Port = FaultStack.freePort();
    h2 = startSource(h2Port);
    String sourceUrl =
        "jdbc:h2:tcp://localhost:"
            + h2Port
            + "/mem:faults;MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;"
            + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    try (Connection source = DriverManager.getConnection(sourceUrl, "sa", "");
        Connection stage = DriverManager.getConnection(stageUrl, "postgres", "postgres")) {
      SampleEnvironment.create(source, new SampleEnvironment.SampleSize(ROWS, 7));
      new ModelConverter(O11Metadata.read(source)).convert(List.of(), source, stage);
    }
    int apiPort = FaultStack.freePort();
    Path config = work.resolve("config.yml");
    Files.writeString(
        config,
        """
        server:
          applicationConnectors:
            - type: http
              port: %d
          adminConnectors:
            - type: http
              port: 0
        logging:
          level: WARN
        temporal:
          target: localhost:%d
          taskQueue: %s
          stickyScheduleToStartSeconds: 0
        environments:
          O11-Faults:
            url: "%s"
            user: sa
            password: ""
        stages:
          Faults:
            url: "%s"
            user: postgres
            password: postgres
        worker:
          admin:
            port: 0
        """
            .formatted(apiPort, temporalPort, TASK_QUEUE, sourceUrl, stageUrl));

    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget("localhost:" + temporalPort)
                .build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(service);
      DataMigrationWorkflow workflow =
          client.newWorkflowStub(
              DataMigrationWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(DataMigrationWorkflow.workflowId("Faults"))
                  .setTaskQueue(TASK_QUEUE)
                  .setMemo(Map.of("migrationId", "faults-1"))
                  .build());
      // Small batches and short heartbeats: many checkpoints to resume from, quick retries.
      MigrationOptions options = new MigrationOptions(1, 1, 50, 10_000, Duration.ofSeconds(5));
      WorkflowClient.start(
          workflow::migrate,
          new MigrationRequest("faults-1", "O11-Faults", "Faults", false, false, options));
      Process worker = stack.startWorker(config, 0);
      Process api = stack.startApi(config, 0);
      ApiHttp http = new ApiHttp(apiPort, null);

      for (int crash = 1; crash <= STAGE_CRASHES; crash++) {
        FaultStack.awaitCommitsBeyond(stageUrl, FaultStack.committedRows(stageUrl));
        assertRunning(workflow, "stage crash " + crash);
        crashStage(data);
        postgres.close(); // its server is gone already: this releases the data directory's lock
        postgres = startStage(data, stagePort);
      }

      FaultStack.awaitCommitsBeyond(stageUrl, FaultStack.committedRows(stageUrl));
      assertRunning(workflow, "the O11 connection cut");
      // Every O11 connection of the worker is cut in the middle of its read; the in-memory
      // database lives on in this JVM (DB_CLOSE_DELAY=-1) for the server that takes the port again.
      h2.stop();
      h2 = startSource(h2Port);

      FaultStack.awaitPort(apiPort);
      FaultStack.awaitCommitsBeyond(stageUrl, FaultStack.committedRows(stageUrl));
      assertRunning(workflow, "the API restart");
      assertThat(answer(http, "/api/migrations/faults-1").path("status").asText())
          .isEqualTo("RUNNING");
      api.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: what it held in memory goes
      stack.startApi(config, 1); // it starts while the copy goes on, and the worker goes next

      FaultStack.awaitCommitsBeyond(stageUrl, FaultStack.committedRows(stageUrl));
      assertRunning(workflow, "the worker kill");
      worker
          .destroyForcibly()
          .waitFor(10, TimeUnit.SECONDS); // SIGKILL, and no worker until further notice

      // The restarted API never saw the run live: it answers at once from what Temporal and the
      // stage keep, the phase and the entities as the workflow last kept them.
      FaultStack.awaitPort(apiPort);
      JsonNode offline = answer(http, "/api/migrations/faults-1");
      assertThat(offline.path("status").asText()).isEqualTo("RUNNING");
      assertThat(offline.path("live").asBoolean()).isFalse();
      assertThat(offline.path("notLiveReason").asText())
          .startsWith("no worker is polling task queue " + TASK_QUEUE);
      assertThat(offline.path("sourceEnvironment").asText()).isEqualTo("O11-Faults");
      assertThat(offline.path("phase").asText()).isEqualTo("APP_DATA");
      assertThat(offline.path("entitiesTotal").asInt()).isEqualTo(7);
      assertThat(offline.path("rowsWritten").asLong()).isPositive();
      JsonNode entities = answer(http, "/api/migrations/faults-1/entities");
      assertThat(entities.path("live").asBoolean()).isFalse();
      assertThat(entities.findValuesAsText("status"))
          .as("the entities' last kept states")
          .contains("COPYING");

      stack.startWorker(config, 1); // one worker back
      MigrationReport report =
          WorkflowStub.fromTyped(workflow).getResult(4, TimeUnit.MINUTES, MigrationReport.class);
      assertThat(report.status()).as(report.error()).isEqualTo(MigrationStatus.COMPLETED);

      Map<String, Long> compared;
      try (Connection source = DriverManager.getConnection(sourceUrl, "sa", "");
          Connection stage = DriverManager.getConnection(stageUrl, "postgres", "postgres")) {
        compared = new StageComparison(source, stage, "O11-Faults").compareEveryTable();
      }
      assertThat(compared).hasSize(7).containsEntry("Customers.Customer", (long) ROWS);
      assertThat(report.rowsWritten())
          .isEqualTo(compared.values().stream().mapToLong(Long::longValue).sum());
      assertThat(http.ok(http.get("/api/migrations/faults-1"), 200).path("status").asText())
          .isEqualTo("COMPLETED");
    } finally {
      service.shutdownNow();
    }
  }

  /**
   * The API's answer, asked again while it says 503 "try again shortly": a JVM just started on a
   * loaded machine may miss its first Temporal call's deadline.
   */
  private static JsonNode answer(ApiHttp http, String path) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    HttpResponse<String> response = http.get(path);
    while (response.statusCode() == 503 && System.nanoTime() < deadline) {
      Thread.sleep(500);
      response = http.get(path);
    }
    return http.ok(response, 200);
  }

  private static void assertRunning(DataMigrationWorkflow workflow, String fault) {
    assertThat(WorkflowStub.fromTyped(workflow).describe().getStatus().name())
        .as("the migration ended before %s: give the test more rows", fault)
        .endsWith("RUNNING");
  }

  /** A stage tuned for bulk loads: commits are acknowledged before they are on disk. */
  private static EmbeddedPostgres startStage(Path data, int port) throws IOException {
    // Never cleaned: a restart recovers the same data directory (initdb runs only on an empty one).
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .setServerConfig("synchronous_commit", "off")
        .start();
  }

  /**
   * What {@code pg_ctl stop -m immediate} does: SIGQUIT to the postmaster, which ends every backend
   * at once without a checkpoint; the next start recovers from the WAL.
   */
  private static void crashStage(Path data) throws IOException, InterruptedException {
    String pid = Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip();
    new ProcessBuilder("kill", "-QUIT", pid).inheritIO().start().waitFor();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) {
      assertThat(System.nanoTime()).as("the stage's postmaster did not stop").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static Server startSource(int port) throws Exception {
    return Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists").start();
  }
}
