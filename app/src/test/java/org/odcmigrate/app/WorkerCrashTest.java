package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * A worker killed with SIGKILL in the middle of a migration, again and again: the standalone
 * Temporal test server and every worker run in processes of their own, as in production. The
 * migration must complete and every stage table must equal its O11 table.
 *
 * <p>A behaviour test spanning the worker process, the workflows and the copy engine; named for
 * that behaviour.
 */
class WorkerCrashTest {

  private static final int KILLS = 5;
  private static final int ROWS = 40_000;
  private static final String TASK_QUEUE = "crash-test";

  private FaultStack stack;
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
  }

  @Test
  void migrationCompletesExactlyThoughItsWorkerIsKilledFiveTimes() throws Exception {
    Path work = Files.createTempDirectory("odc-migrate-crash");
    stack = new FaultStack(work);
    int temporalPort = stack.startTemporal();

    postgres = EmbeddedPostgres.builder().start();
    String stageUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    h2 =
        Server.createTcpServer("-tcpPort", String.valueOf(FaultStack.freePort()), "-ifNotExists")
            .start();
    String sourceUrl =
        "jdbc:h2:tcp://localhost:"
            + h2.getPort()
            + "/mem:crash;MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;"
            + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    Map<String, Long> sourceRows;
    try (Connection source = DriverManager.getConnection(sourceUrl, "sa", "");
        Connection stage = DriverManager.getConnection(stageUrl, "postgres", "postgres")) {
      sourceRows =
          SampleEnvironment.create(source, new SampleEnvironment.SampleSize(ROWS, 7)).rowCounts();
      new ModelConverter(O11Metadata.read(source)).convert(List.of(), source, stage);
    }

    Path config = work.resolve("worker.yml");
    Files.writeString(
        config,
        """
        logging:
          level: WARN
        temporal:
          target: localhost:%d
          taskQueue: %s
          stickyScheduleToStartSeconds: 0
        environments:
          O11-Crash:
            url: "%s"
            user: sa
            password: ""
        stages:
          Crash:
            url: "%s"
            user: postgres
            password: postgres
        worker:
          admin:
            port: 0
        """
            .formatted(temporalPort, TASK_QUEUE, sourceUrl, stageUrl));

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
                  .setWorkflowId(DataMigrationWorkflow.workflowId("Crash"))
                  .setTaskQueue(TASK_QUEUE)
                  .build());
      // Small batches and short heartbeats: many checkpoints to resume from, quick retries.
      MigrationOptions options = new MigrationOptions(1, 1, 50, 15_000, Duration.ofSeconds(5));
      WorkflowClient.start(
          workflow::migrate,
          new MigrationRequest("crash-1", "O11-Crash", "Crash", false, false, options));

      Random random = new Random(20261127);
      Process worker = startWorker(work, config, 0);
      for (int kill = 1; kill <= KILLS; kill++) {
        // Kill only a worker that is copying: after it commits a batch, at a random moment.
        long committed = FaultStack.committedRows(stageUrl);
        FaultStack.awaitCommitsBeyond(stageUrl, committed);
        Thread.sleep(random.nextInt(700));
        assertThat(WorkflowStub.fromTyped(workflow).describe().getStatus().name())
            .as("the migration ended before kill %d: give the test more rows", kill)
            .endsWith("RUNNING");
        worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
        worker = startWorker(work, config, kill);
      }

      MigrationReport report =
          WorkflowStub.fromTyped(workflow).getResult(4, TimeUnit.MINUTES, MigrationReport.class);
      assertThat(report.status()).as(report.error()).isEqualTo(MigrationStatus.COMPLETED);

      Map<String, Long> compared;
      try (Connection source = DriverManager.getConnection(sourceUrl, "sa", "");
          Connection stage = DriverManager.getConnection(stageUrl, "postgres", "postgres")) {
        compared = new StageComparison(source, stage, "O11-Crash").compareEveryTable();
      }
      assertThat(compared)
          .hasSize(7)
          .containsEntry("Customers.Customer", (long) ROWS)
          .containsEntry("Orders.OrderLine", (long) ROWS);
      assertThat(report.rowsWritten())
          .isEqualTo(compared.values().stream().mapToLong(Long::longValue).sum());
      assertThat(sourceRows).isNotEmpty();
    } finally {
      service.shutdownNow();
    }
  }

  private Process startWorker(Path work, Path config, int generation) throws IOException {
    return stack.startWorker(config, generation);
  }
}
