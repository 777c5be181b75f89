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
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.migration.DataMigrationWorkflow;
import org.odcmigrate.migration.EntityResult;
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
 * migration must complete and every stage table must equal its O11 table; an incremental run killed
 * alike too.
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
  private WorkflowServiceStubs service;
  private String stageUrl;
  private String sourceUrl;
  private Path config;
  private int generation;

  @AfterEach
  void stopEverything() throws IOException {
    if (service != null) {
      service.shutdownNow();
    }
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
    Map<String, Long> sourceRows = startStack();
    DataMigrationWorkflow workflow = newMigration();
    // Small batches and short heartbeats: many checkpoints to resume from, quick retries.
    MigrationOptions options = new MigrationOptions(1, 1, 50, 15_000, Duration.ofSeconds(5));
    WorkflowClient.start(
        workflow::migrate,
        new MigrationRequest("crash-1", "O11-Crash", "Crash", false, false, options));

    MigrationReport report = completeKilling(workflow, startWorker(), KILLS);

    Map<String, Long> compared = compareEveryTable();
    assertThat(compared)
        .hasSize(7)
        .containsEntry("Customers.Customer", (long) ROWS)
        .containsEntry("Orders.OrderLine", (long) ROWS);
    assertThat(report.rowsWritten())
        .isEqualTo(compared.values().stream().mapToLong(Long::longValue).sum());
    assertThat(sourceRows).isNotEmpty();
  }

  @Test
  void incrementalRunCompletesExactlyThoughItsWorkerIsKilled() throws Exception {
    startStack();
    Process worker = startWorker();
    DataMigrationWorkflow first = newMigration();
    MigrationReport full =
        first.migrate(
            new MigrationRequest(
                "crash-full",
                "O11-Crash",
                "Crash",
                false,
                false,
                new MigrationOptions(1, 2, 5_000, 2_500, Duration.ofSeconds(5))));
    assertThat(full.status()).as(full.error()).isEqualTo(MigrationStatus.COMPLETED);

    // Half the customers' ranges and a quarter of the order lines' change in O11.
    try (Connection source = DriverManager.getConnection(sourceUrl, "sa", "");
        Connection stage = DriverManager.getConnection(stageUrl, "postgres", "postgres");
        Statement st = source.createStatement()) {
      for (String[] change :
          new String[][] {
            {"Customer", "[NAME] = 'changed'", "[ID] % 7 = 0 AND [ID] <= " + ROWS / 2},
            {
              "OrderLine",
              "[QUANTITY] = CASE WHEN [QUANTITY] = 7 THEN 8 ELSE 7 END",
              "[ID] <= " + ROWS / 4
            }
          }) {
        String table =
            StageComparison.query(
                    source,
                    "SELECT [Physical_Table_Name] FROM [ossys_Entity] WHERE [Name] = '"
                        + change[0]
                        + "'")
                .get(0)[0];
        assertThat(
                st.executeUpdate("UPDATE [" + table + "] SET " + change[1] + " WHERE " + change[2]))
            .isPositive();
      }
    }
    DataMigrationWorkflow second = newMigration();
    WorkflowClient.start(
        second::migrate,
        new MigrationRequest(
            "crash-incremental",
            "O11-Crash",
            "Crash",
            false,
            false,
            false,
            false,
            new MigrationOptions(1, 1, 50, 2_500, Duration.ofSeconds(5)),
            "crash-full",
            null));

    MigrationReport report = completeKilling(second, worker, 2);

    assertThat(compareEveryTable()).hasSize(7);
    EntityResult customer =
        report.apps().stream()
            .flatMap(a -> a.entities().stream())
            .filter(e -> e.entity().entityName().equals("Customer"))
            .findFirst()
            .orElseThrow();
    assertThat(customer.rangesKept()).isPositive();
    assertThat(customer.rowsRecopied()).isPositive().isLessThan(ROWS);
  }

  /** Temporal, PostgreSQL, an H2 server with the sample converted into the stage, a config. */
  private Map<String, Long> startStack() throws Exception {
    Path work = Files.createTempDirectory("odc-migrate-crash");
    stack = new FaultStack(work);
    int temporalPort = stack.startTemporal();

    postgres = EmbeddedPostgres.builder().start();
    stageUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    h2 =
        Server.createTcpServer("-tcpPort", String.valueOf(FaultStack.freePort()), "-ifNotExists")
            .start();
    sourceUrl =
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

    config = work.resolve("worker.yml");
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
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget("localhost:" + temporalPort)
                .build());
    return sourceRows;
  }

  private DataMigrationWorkflow newMigration() {
    return WorkflowClient.newInstance(service)
        .newWorkflowStub(
            DataMigrationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(DataMigrationWorkflow.workflowId("Crash"))
                .setTaskQueue(TASK_QUEUE)
                .build());
  }

  /** Kills the copying worker {@code kills} times, then waits for the migration's report. */
  private MigrationReport completeKilling(DataMigrationWorkflow workflow, Process worker, int kills)
      throws Exception {
    Random random = new Random(20261127);
    for (int kill = 1; kill <= kills; kill++) {
      // Kill only a worker that is copying: after it commits a batch, at a random moment.
      long committed = FaultStack.committedRows(stageUrl);
      FaultStack.awaitCommitsBeyond(stageUrl, committed);
      Thread.sleep(random.nextInt(700));
      assertThat(WorkflowStub.fromTyped(workflow).describe().getStatus().name())
          .as("the migration ended before kill %d: give the test more rows", kill)
          .endsWith("RUNNING");
      worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
      worker = startWorker();
    }
    MigrationReport report =
        WorkflowStub.fromTyped(workflow).getResult(4, TimeUnit.MINUTES, MigrationReport.class);
    assertThat(report.status()).as(report.error()).isEqualTo(MigrationStatus.COMPLETED);
    return report;
  }

  private Map<String, Long> compareEveryTable() throws Exception {
    try (Connection source = DriverManager.getConnection(sourceUrl, "sa", "");
        Connection stage = DriverManager.getConnection(stageUrl, "postgres", "postgres")) {
      return new StageComparison(source, stage, "O11-Crash").compareEveryTable();
    }
  }

  private Process startWorker() throws IOException {
    return stack.startWorker(config, generation++);
  }
}
