package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.DropwizardTestSupport;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.odcmigrate.config.StageConfig;
import org.odcmigrate.migration.DataMigrationWorkflow;
import org.odcmigrate.migration.MigrationReport;
import org.odcmigrate.migration.MigrationStatus;

/**
 * Cancelling a migration in the middle of its app data, with its apps undeployed for the run: the
 * stage is left with no partial app data, its apps deployed again, its users kept. While it runs, a
 * second start for the same stage is refused with the running migration's id.
 */
class CancelMigrationTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static DropwizardTestSupport<OdcMigrateConfiguration> app;
  private static OdcMigrateConfiguration config;

  @BeforeAll
  static void startDev() throws Exception {
    config = TestDevConfiguration.slowCopyWithDatabaseControl(20_000);
    app = new DropwizardTestSupport<>(OdcMigrateApplication.class, config, DevCommand::new);
    app.before();
  }

  @AfterAll
  static void stopDev() {
    if (app != null) {
      app.after();
    }
  }

  @Test
  void cancelDuringAppDataRemovesTheCopiedDataAndRedeploysTheApps() throws Exception {
    HttpResponse<String> started =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + app.getLocalPort() + "/api/migrations"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"sourceEnvironment\":\"O11-Sample\",\"targetStage\":\"Development\","
                            + "\"stopEnvironment\":false,\"undeployApps\":true}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (stageLong("SELECT coalesce(sum(rows_written), 0) FROM odc_catalog.copy_checkpoint")
        < 500) {
      assertThat(System.nanoTime()).as("no rows copied within 60 s").isLessThan(deadline);
      Thread.sleep(50);
    }
    assertThat(
            stageLong(
                "SELECT count(*) FROM pg_roles WHERE rolname LIKE '%\\_runtime' AND NOT rolcanlogin"))
        .as("the apps are undeployed while the copy runs")
        .isEqualTo(3);

    HttpResponse<String> second =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + app.getLocalPort() + "/api/migrations"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"sourceEnvironment\":\"O11-Sample\",\"targetStage\":\"Development\","
                            + "\"stopEnvironment\":false,\"undeployApps\":false}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String running = JSON.readTree(started.body()).path("id").asText();
    assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
    assertThat(JSON.readTree(second.body()).path("migrationId").asText()).isEqualTo(running);
    assertThat(JSON.readTree(second.body()).path("detail").asText())
        .contains("already has a running data migration");

    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(config.getTemporal().target())
                .build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(service);
      DataMigrationWorkflow workflow =
          client.newWorkflowStub(
              DataMigrationWorkflow.class, DataMigrationWorkflow.workflowId("Development"));
      workflow.cancel("the business changed its mind");
      MigrationReport report =
          WorkflowStub.fromTyped(workflow).getResult(2, TimeUnit.MINUTES, MigrationReport.class);

      assertThat(report.status()).isEqualTo(MigrationStatus.CANCELLED);
      assertThat(report.error()).isEqualTo("the business changed its mind");
      assertThat(report.log())
          .extracting(l -> l.message())
          .anyMatch(m -> m.startsWith("Removing the app data copied by this migration"))
          .anyMatch(m -> m.startsWith("Apps redeployed"));
    } finally {
      service.shutdownNow();
    }

    for (String table :
        new String[] {
          "customers.customer",
          "customers.customer_note",
          "customers.user_profile",
          "orders.\"order\"",
          "orders.order_line",
          "catalog.product",
          "catalog.warehouse"
        }) {
      assertThat(stageLong("SELECT count(*) FROM " + table)).as(table).isZero();
    }
    assertThat(stageLong("SELECT count(*) FROM customers.country"))
        .as("static records come with the code")
        .isPositive();
    assertThat(stageLong("SELECT count(*) FROM odc_catalog.copy_checkpoint")).isZero();
    assertThat(
            stageLong(
                "SELECT count(*) FROM odc_catalog.app WHERE deployed AND undeployed_by IS NULL"))
        .isEqualTo(3);
    assertThat(
            stageLong(
                "SELECT count(*) FROM pg_roles WHERE rolname LIKE '%\\_runtime' AND rolcanlogin"))
        .isEqualTo(3);
    assertThat(stageLong("SELECT count(*) FROM odc_catalog.dropped_foreign_key")).isZero();
    assertThat(
            stageLong(
                "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace::regnamespace::text"
                    + " IN ('customers', 'orders', 'catalog')"))
        .as("foreign keys restored")
        .isEqualTo(3);
    assertThat(stageLong("SELECT count(*) FROM odc_identity.end_user"))
        .as("transferred users stay")
        .isPositive();
    assertThat(stageLong("SELECT count(*) FROM odc_catalog.migration WHERE status = 'CANCELLED'"))
        .isEqualTo(1);
  }

  private static long stageLong(String sql) throws SQLException {
    StageConfig stage = config.getStages().get("Development");
    try (Connection connection =
            DriverManager.getConnection(stage.url(), stage.user(), stage.password());
        Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState())) {
        return 0; // the catalog's tables appear with the first activity
      }
      throw e;
    }
  }
}
