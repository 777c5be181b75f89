package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
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
import org.odcmigrate.o11.sample.SampleEnvironment;
import org.odcmigrate.odc.ModelConverter;

/**
 * A worker killed with SIGKILL in the middle of a migration, again and again: the standalone
 * Temporal test server and every worker run in processes of their own, as in production. The
 * migration must complete and every stage table must equal its O11 table.
 */
class WorkerCrashTest {

  private static final int KILLS = 5;
  private static final int ROWS = 40_000;
  private static final String TASK_QUEUE = "crash-test";

  private final List<Process> processes = new ArrayList<>();
  private EmbeddedPostgres postgres;
  private Server h2;

  @AfterEach
  void stopEverything() throws IOException {
    processes.forEach(Process::destroyForcibly);
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
    int temporalPort = freePort();
    processes.add(
        java(
            work.resolve("temporal.log"),
            "io.temporal.testserver.TestServer",
            String.valueOf(temporalPort)));

    postgres = EmbeddedPostgres.builder().start();
    String stageUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    h2 = Server.createTcpServer("-tcpPort", String.valueOf(freePort()), "-ifNotExists").start();
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
    awaitPort(temporalPort);

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
        long committed = committedRows(stageUrl);
        awaitCommitsBeyond(stageUrl, committed);
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

  /** Rows committed so far by all range copies, from their checkpoints. */
  private static long committedRows(String stageUrl) throws Exception {
    try (Connection stage = DriverManager.getConnection(stageUrl, "postgres", "postgres");
        var rs =
            stage
                .createStatement()
                .executeQuery(
                    "SELECT coalesce(sum(rows_written), 0) FROM odc_catalog.copy_checkpoint")) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      return 0; // the catalog's tables are created by the first activity
    }
  }

  private static void awaitCommitsBeyond(String stageUrl, long committed) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (committedRows(stageUrl) <= committed) {
      assertThat(System.nanoTime()).as("no batch committed for 90 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private Process startWorker(Path work, Path config, int generation) throws IOException {
    return java(
        work.resolve("worker-" + generation + ".log"),
        OdcMigrateApplication.class.getName(),
        "worker",
        config.toString());
  }

  private Process java(Path log, String mainClass, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(process);
    return process;
  }

  private static void awaitPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try (Socket ignored = new Socket("localhost", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("the Temporal test server did not open port " + port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
