package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.DropwizardTestSupport;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.config.StageConfig;

/**
 * A migration paused in the middle of its copy on real databases: its copies hand their ranges
 * back, no row is written while it is paused, its apps stay undeployed; resumed, it finishes with
 * the stage equal to the source. A row rate set while it runs throttles it until lifted.
 */
class PauseMigrationTest {

  /** The activities that write rows: a range, or a small entity whole. */
  private static final Set<String> COPIES =
      Set.of("CopyEntityRange", "CopySmallEntity", "CopySmallEntities");

  private static DropwizardTestSupport<OdcMigrateConfiguration> app;
  private static OdcMigrateConfiguration config;
  private static ApiHttp api;

  @BeforeAll
  static void startDev() throws Exception {
    config = TestDevConfiguration.slowCopyWithDatabaseControl(4_000);
    app = new DropwizardTestSupport<>(OdcMigrateApplication.class, config, DevCommand::new);
    app.before();
    api = new ApiHttp(app.getLocalPort(), null);
  }

  @AfterAll
  static void stopDev() {
    if (app != null) {
      app.after();
    }
  }

  @Test
  void pausedInTheMiddleOfTheCopyItWritesNothingUntilResumedThenTheStageEqualsTheSource()
      throws Exception {
    String id =
        api.ok(
                api.post(
                    "/api/migrations",
                    "{\"sourceEnvironment\":\"O11-Sample\",\"targetStage\":\"Development\","
                        + "\"stopEnvironment\":false,\"undeployApps\":true}"),
                202)
            .path("id")
            .asText();
    while (committedRows() < 500) {
      assertThat(api.migration(id).path("status").asText()).isEqualTo("RUNNING");
      Thread.sleep(50);
    }
    JsonNode limited =
        api.ok(api.put("/api/migrations/" + id + "/limits", "{\"maxRowsPerSecond\":2000}"), 200);
    assertThat(limited.path("limits").path("maxRowsPerSecond").asInt()).isEqualTo(2000);

    api.ok(api.post("/api/migrations/" + id + "/pause", "{\"reason\":\"business hours\"}"), 202);
    JsonNode paused = api.await(id, v -> v.path("status").asText().equals("PAUSED"), "paused");
    assertThat(paused.path("control").path("pausedBy").asText()).isNotBlank();
    assertThat(paused.path("control").path("limits").path("maxRowsPerSecond").asInt())
        .isEqualTo(2000);
    awaitNoRangeCopyRunning(paused);

    long before = committedRows();
    long tableRowsBefore = tableRows();
    Thread.sleep(1_500);
    assertThat(committedRows()).as("rows committed while paused").isEqualTo(before);
    assertThat(tableRows()).as("rows in the app tables while paused").isEqualTo(tableRowsBefore);
    assertThat(
            stageLong(
                "SELECT count(*) FROM pg_roles WHERE rolname LIKE '%\\_runtime' AND NOT rolcanlogin"))
        .as("the apps stay undeployed while paused")
        .isEqualTo(3);
    assertThat(api.migration(id).path("status").asText()).isEqualTo("PAUSED");

    api.ok(api.put("/api/migrations/" + id + "/limits", "{\"maxRowsPerSecond\":0}"), 200);
    api.ok(api.post("/api/migrations/" + id + "/resume", ""), 202);
    JsonNode end = api.awaitEnd(id);

    assertThat(end.path("status").asText()).as(end.toString()).isEqualTo("COMPLETED");
    assertThat(end.path("log").toString()).contains("Paused by", "Resumed by");
    Map<String, Long> compared;
    try (Connection source = sourceConnection();
        Connection target = stageConnection()) {
      compared = new StageComparison(source, target, "O11-Sample").compareEveryTable();
    }
    assertThat(compared).containsEntry("Customers.Customer", 4_000L);
    assertThat(before)
        .as("paused in the middle of the copy")
        .isLessThan(compared.values().stream().mapToLong(Long::longValue).sum());
    assertThat(
            stageLong(
                "SELECT count(*) FROM pg_roles WHERE rolname LIKE '%\\_runtime' AND rolcanlogin"))
        .as("redeployed at the end")
        .isEqualTo(3);
  }

  /** Every running app child has no range copy left among its pending activities. */
  private static void awaitNoRangeCopyRunning(JsonNode view) throws Exception {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(config.getTemporal().target())
                .build());
    try {
      long deadline = System.nanoTime() + 60_000_000_000L;
      for (JsonNode app : view.path("apps")) {
        if (!app.path("status").asText().equals("RUNNING")) {
          continue;
        }
        String child = "data-migration/Development/" + app.path("appName").asText();
        while (service
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(config.getTemporal().namespace())
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(child))
                    .build())
            .getPendingActivitiesList()
            .stream()
            .anyMatch(a -> COPIES.contains(a.getActivityType().getName()))) {
          assertThat(System.nanoTime()).as(child + " still copies").isLessThan(deadline);
          Thread.sleep(100);
        }
      }
    } finally {
      service.shutdownNow();
    }
  }

  private static long committedRows() throws SQLException {
    return stageLong("SELECT coalesce(sum(rows_written), 0) FROM odc_catalog.copy_checkpoint");
  }

  /** The rows in the sample's app tables, counted by PostgreSQL itself. */
  private static long tableRows() throws SQLException {
    return stageLong(
        "SELECT (SELECT count(*) FROM customers.customer) + (SELECT count(*) FROM customers.customer_note)"
            + " + (SELECT count(*) FROM orders.\"order\") + (SELECT count(*) FROM orders.order_line)"
            + " + (SELECT count(*) FROM catalog.product) + (SELECT count(*) FROM catalog.warehouse)");
  }

  private static long stageLong(String sql) throws SQLException {
    try (Connection c = stageConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Connection sourceConnection() throws SQLException {
    EnvironmentConfig env = config.getEnvironments().get("O11-Sample");
    return DriverManager.getConnection(env.url(), env.user(), env.password());
  }

  private static Connection stageConnection() throws SQLException {
    StageConfig stage = config.getStages().get("Development");
    return DriverManager.getConnection(stage.url(), stage.user(), stage.password());
  }
}
