package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.odcmigrate.config.ControlConfig;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.config.MigrationDefaults;
import org.odcmigrate.config.StageConfig;
import org.odcmigrate.fixtures.ConfirmedSource;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleSource;

/**
 * The incremental run over HTTP, as {@code dev} runs it: refused without a completed migration of
 * the same environment and plan; after a full run and changes in O11 and in the stage, it copies
 * only the changed key ranges and the stage equals O11 row for row. Each test sets up what it
 * needs: the full migration is run once, by whichever test needs it first.
 */
class IncrementalMigrationTest {

  private static final String INCREMENTAL =
      "{\"sourceEnvironment\":\"%s\",\"targetStage\":\"%s\",\"stopEnvironment\":false,"
          + "\"undeployApps\":false,\"incremental\":true}";

  private static DropwizardTestSupport<OdcMigrateConfiguration> app;
  private static OdcMigrateConfiguration config;
  private static ApiHttp api;
  private static SampleSource other;
  private static String full;

  @BeforeAll
  static void startDev() throws Exception {
    config = TestDevConfiguration.create(1_500);
    other = ConfirmedSource.create();
    Map<String, EnvironmentConfig> environments = new TreeMap<>(config.getEnvironments());
    environments.put(
        "O11-Other",
        new EnvironmentConfig(other.url(), "", "", "UTC", 4, ControlConfig.none(), false));
    config.setEnvironments(environments);
    // A stage no migration ever completed into, whatever the other tests did to Development.
    Map<String, StageConfig> stages = new TreeMap<>(config.getStages());
    stages.put(
        "Fresh",
        new StageConfig(EmbeddedStage.newDatabase().getUrl(), "postgres", "", 2, null, false));
    config.setStages(stages);
    MigrationDefaults m = config.getMigration();
    // Small key ranges, so that a change touches a few of many.
    config.setMigration(
        new MigrationDefaults(
            m.parallelApps(),
            m.parallelEntities(),
            50,
            100L,
            m.heartbeatTimeoutSeconds(),
            m.nullValues(),
            m.nulCharacters(),
            m.estimateRowsPerSecond()));
    app = new DropwizardTestSupport<>(OdcMigrateApplication.class, config, DevCommand::new);
    app.before();
    api = new ApiHttp(app.getLocalPort(), null);
  }

  @AfterAll
  static void stopDev() {
    if (app != null) {
      app.after();
    }
    if (other != null) {
      other.close();
    }
  }

  /** The full migration the incremental runs build on; run by the first test that needs it. */
  private static synchronized String completedFullMigration() throws Exception {
    if (full == null) {
      String id = api.start();
      assertThat(api.awaitEnd(id).path("status").asText()).isEqualTo("COMPLETED");
      full = id;
    }
    return full;
  }

  @Test
  void isRefusedWhileTheStageHasNoCompletedMigration() throws Exception {
    JsonNode problem =
        ApiHttp.problem(
            api.post("/api/migrations", INCREMENTAL.formatted("O11-Sample", "Fresh")), 422);
    assertThat(problem.path("detail").asText())
        .isEqualTo(
            "incremental: the stage has no completed migration to build on; run a full migration"
                + " first");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        MigrateRun.migrate(
            Map.of(),
            out,
            "start",
            "--source",
            "O11-Sample",
            "--stage",
            "Fresh",
            "--incremental",
            "--api",
            "http://localhost:" + app.getLocalPort());
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).isEqualTo(2);
    assertThat(printed.lines().filter(l -> l.startsWith("The API refused")).toList())
        .containsExactly(
            "The API refused (422): incremental: the stage has no completed migration to build on;"
                + " run a full migration first");
  }

  @Test
  void copiesOnlyTheChangedRangesAndLeavesTheStageEqualToO11() throws Exception {
    String base = completedFullMigration();

    Map<String, String> tables = physicalTables();
    String customer = tables.get("Customer");
    try (Connection source = source()) {
      execute(
          source,
          "UPDATE ["
              + customer
              + "] SET [NOTES] = ? WHERE [ID] = (SELECT MIN([ID]) FROM ["
              + customer
              + "])",
          "long text ".repeat(500));
      execute(
          source,
          "UPDATE ["
              + customer
              + "] SET [PHOTO] = ? WHERE [ID] = (SELECT MIN([ID]) + 3 FROM ["
              + customer
              + "])",
          (Object) new byte[] {0, 1, 2, 3, (byte) 0xff});
      // O11 deletes a customer's notes with it (their reference's delete rule is Delete).
      try (PreparedStatement notes =
          source.prepareStatement(
              "DELETE FROM ["
                  + tables.get("CustomerNote")
                  + "] WHERE [CUSTOMERID] = (SELECT MIN([ID]) + 700 FROM ["
                  + customer
                  + "])")) {
        notes.executeUpdate();
      }
      execute(
          source,
          "DELETE FROM ["
              + customer
              + "] WHERE [ID] = (SELECT MIN([ID]) + 700 FROM ["
              + customer
              + "])");
      // A new customer past the largest id, with the values of the first one.
      String others =
          String.join(
              ", ",
              StageComparison.query(
                      source,
                      "SELECT '[' || COLUMN_NAME || ']' FROM INFORMATION_SCHEMA.COLUMNS"
                          + " WHERE TABLE_NAME = '"
                          + customer
                          + "' AND COLUMN_NAME <> 'ID' ORDER BY ORDINAL_POSITION")
                  .stream()
                  .map(r -> r[0])
                  .toList());
      execute(
          source,
          "INSERT INTO ["
              + customer
              + "] ([ID], "
              + others
              + ") SELECT (SELECT MAX([ID]) + 10 FROM ["
              + customer
              + "]), "
              + others
              + " FROM ["
              + customer
              + "] WHERE [ID] = (SELECT MIN([ID]) FROM ["
              + customer
              + "])");
    }
    try (Connection stage = stage()) {
      // A change in the stage itself, far from O11's changes.
      execute(
          stage,
          "UPDATE customers.customer SET name = 'edited in ODC'"
              + " WHERE id = (SELECT max(id) - 20 FROM customers.customer)");
    }

    String id =
        api.ok(api.post("/api/migrations", INCREMENTAL.formatted("O11-Sample", "Development")), 202)
            .path("id")
            .asText();
    JsonNode view = api.awaitEnd(id);
    assertThat(view.path("status").asText()).as(view.toString()).isEqualTo("COMPLETED");

    Map<String, Long> compared;
    try (Connection source = source();
        Connection stage = stage()) {
      compared = new StageComparison(source, stage, "O11-Sample").compareEveryTable();
    }
    assertThat(compared).hasSize(7);

    Map<String, JsonNode> entities = new HashMap<>();
    for (JsonNode a : api.ok(api.get("/api/migrations/" + id + "/entities"), 200).path("apps")) {
      for (JsonNode e : a.path("entities")) {
        entities.put(e.path("entityName").asText(), e);
      }
    }
    JsonNode changed = entities.get("Customer");
    assertThat(changed.path("rangesKept").asInt()).isPositive();
    // The updated rows' range, the deleted row's, the edited stage row's, and the new keys.
    assertThat(changed.path("rangesCopied").asInt()).isBetween(4, 5);
    assertThat(changed.path("rowsRecopied").asLong())
        .isPositive()
        .isLessThan(changed.path("rowsWritten").asLong() / 2);
    JsonNode untouched = entities.get("Warehouse");
    assertThat(untouched.path("rangesKept").asInt()).isPositive();
    assertThat(untouched.path("rowsRecopied").asLong()).isZero();
    assertThat(api.get("/api/migrations/" + id + "/logs").body())
        .contains("incremental, only what changed since migration " + base)
        .contains("Incremental copy of Customers.Customer: ");
  }

  @Test
  void isRefusedForAnotherEnvironment() throws Exception {
    completedFullMigration();
    JsonNode problem =
        ApiHttp.problem(
            api.post("/api/migrations", INCREMENTAL.formatted("O11-Other", "Development")), 422);
    assertThat(problem.path("detail").asText())
        .startsWith("incremental: the stage's last completed migration ")
        .endsWith(" came from environment O11-Sample, not O11-Other; run a full migration");
  }

  @Test
  void isRefusedWhenThePlanChanged() throws Exception {
    completedFullMigration();
    String capacity =
        "odc_catalog.attribute WHERE app_key = (SELECT app_key FROM odc_catalog.app"
            + " WHERE name = 'Catalog') AND name = 'Capacity'";
    try (Connection stage = stage();
        Statement st = stage.createStatement()) {
      // The stage's app lost an attribute since: its plan differs from the last migration's.
      st.execute("CREATE TEMPORARY TABLE removed AS SELECT * FROM " + capacity);
      execute(stage, "DELETE FROM " + capacity);
      try {
        JsonNode problem =
            ApiHttp.problem(
                api.post("/api/migrations", INCREMENTAL.formatted("O11-Sample", "Development")),
                422);
        assertThat(problem.path("detail").asText())
            .startsWith("incremental: the plan changed since migration ")
            .contains("Catalog.Warehouse")
            .endsWith("; run a full migration");
      } finally {
        // Back as it was, for the tests that build on the full migration after this one.
        execute(stage, "INSERT INTO odc_catalog.attribute SELECT * FROM removed");
      }
    }
  }

  private static Map<String, String> physicalTables() throws SQLException {
    Map<String, String> tables = new HashMap<>();
    try (Connection source = source()) {
      for (String[] row :
          StageComparison.query(
              source, "SELECT [Name], [Physical_Table_Name] FROM [ossys_Entity]")) {
        tables.putIfAbsent(row[0], row[1]);
      }
    }
    return tables;
  }

  private static void execute(Connection connection, String sql, Object... values)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        ps.setObject(i + 1, values[i]);
      }
      assertThat(ps.executeUpdate()).as(sql).isEqualTo(1);
    }
  }

  private static Connection source() throws SQLException {
    EnvironmentConfig sample = config.getEnvironments().get("O11-Sample");
    return DriverManager.getConnection(sample.url(), sample.user(), sample.password());
  }

  private static Connection stage() throws SQLException {
    StageConfig development = config.getStages().get("Development");
    return DriverManager.getConnection(
        development.url(), development.user(), development.password());
  }
}
