package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.testing.DropwizardTestSupport;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcmigrate.config.StageConfig;
import org.odcmigrate.config.TemporalConfig;
import org.odcmigrate.fixtures.EmbeddedStage;
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
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A running migration that no worker polls for, as the {@code api} command shows it: the web page
 * and {@code migrate watch} both show the no-worker banner with why, and the figures the workflow
 * kept last. Each test finds the migration running, whether or not another test ended it.
 */
class NoWorkerBannerTest {

  private static final String ID = "20261202-170000-cafe";
  private static final String REASON = "no worker is polling task queue data-migration";

  private static TestServer.PortBoundTestServer temporal;
  private static WorkflowServiceStubs service;
  private static DropwizardTestSupport<OdcMigrateConfiguration> api;

  @BeforeAll
  static void startApiWithoutWorker() throws Exception {
    int temporalPort = FaultStack.freePort();
    temporal = TestServer.createPortBoundServer(temporalPort);
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget("localhost:" + temporalPort)
                .build());
    PGSimpleDataSource stage = EmbeddedStage.newDatabase();
    OdcMigrateConfiguration config = new OdcMigrateConfiguration();
    DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
    ((HttpConnectorFactory) server.getApplicationConnectors().get(0)).setPort(0);
    ((HttpConnectorFactory) server.getAdminConnectors().get(0)).setPort(0);
    config.setTemporal(new TemporalConfig("localhost:" + temporalPort, null, null, 0, 0));
    config.setStages(
        Map.of("Development", new StageConfig(stage.getUrl(), "postgres", "", 2, null, false)));
    api = new DropwizardTestSupport<>(OdcMigrateApplication.class, config, ApiCommand::new);
    api.before();
  }

  /** The migration runs, with no worker to take it up: started again if a test ended it. */
  @BeforeEach
  void migrationRunsWithoutWorker() {
    MigrationRequest request =
        new MigrationRequest(
            ID, "O11-Sample", "Development", false, false, MigrationOptions.defaults());
    DataMigrationWorkflow workflow =
        WorkflowClient.newInstance(service)
            .newWorkflowStub(
                DataMigrationWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(DataMigrationWorkflow.workflowId("Development"))
                    .setTaskQueue(TemporalConfig.defaults().taskQueue())
                    .setMemo(Map.of("migrationId", ID, ProgressMemo.KEY, keptProgress()))
                    .build());
    try {
      WorkflowClient.start(workflow::migrate, request);
    } catch (WorkflowExecutionAlreadyStarted e) {
      // Still running from an earlier test: just as this test needs it.
    }
  }

  /** What the workflow kept in its memo when its last worker went: one entity of two copied. */
  private static MigrationProgress keptProgress() {
    EntityRef customer = new EntityRef("customers", "Customers", "k-customer", "Customer");
    EntityRef contact = new EntityRef("customers", "Customers", "k-contact", "Contact");
    Instant started = Instant.now().minusSeconds(60);
    return new MigrationProgress(
        ID,
        "O11-Sample",
        "Development",
        Phase.APP_DATA,
        MigrationStatus.RUNNING,
        started,
        null,
        2,
        1,
        500,
        0,
        List.of(
            new AppProgress(
                "customers",
                "Customers",
                MigrationStatus.RUNNING,
                List.of(
                    EntityResult.completed(customer, 500, 500, 0),
                    new EntityResult(contact, EntityResult.Status.COPYING, 0, 0, 0, null)),
                null)),
        List.of(new LogLine(started, LogLine.Level.INFO, "Copying app Customers (2 entities)")),
        null,
        null);
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.after();
    }
    if (service != null) {
      service.shutdownNow();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  @ExtendWith(Browser.Required.class)
  void thePageShowsTheBannerAndTheLastKeptFigures() throws Exception {
    try (Browser browser = Browser.start(Path.of("target", "screenshots", "no-worker"))) {
      browser.open("http://localhost:" + api.getLocalPort() + "/#/migrations/" + ID);
      browser.showing("#not-live-reason", REASON);
      browser.showing("#entities-migrated", "1 of 2");
      browser.showing("#log", "Copying app Customers (2 entities)");
      browser.screenshot("01-no-worker-banner");
      browser.assertNoPageErrors();
    }
  }

  @Test
  void migrateWatchPrintsTheBannerUntilTheMigrationEnds() throws Exception {
    String address = "http://localhost:" + api.getLocalPort();
    ByteArrayOutputStream watched = new ByteArrayOutputStream();
    ExecutorService cli = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> watch =
          cli.submit(() -> MigrateRun.migrate(Map.of(), watched, "watch", ID, "--api", address));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!text(watched).contains("No worker is running this migration")) {
        assertThat(System.nanoTime()).as(text(watched)).isLessThan(deadline);
        Thread.sleep(50);
      }
      // Ended in Temporal meanwhile, the watch shows how and stops.
      WorkflowClient.newInstance(service)
          .newUntypedWorkflowStub(DataMigrationWorkflow.workflowId("Development"))
          .terminate("scaled to zero for good");
      int status = watch.get(30, TimeUnit.SECONDS);
      String output = text(watched);
      assertThat(status).as(output).isEqualTo(MigrateCommand.MIGRATION_NOT_COMPLETED);
      assertThat(output)
          .contains("  ! No worker is running this migration: " + REASON)
          .containsPattern("APP_DATA\\s+entities 1/2")
          .contains("terminated in Temporal");
    } finally {
      cli.shutdownNow();
    }
  }

  private static String text(ByteArrayOutputStream out) {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
