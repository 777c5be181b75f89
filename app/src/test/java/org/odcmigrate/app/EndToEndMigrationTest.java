package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.odcmigrate.config.ControlConfig;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.config.MigrationDefaults;
import org.odcmigrate.config.StageConfig;
import org.odcmigrate.config.ValuePolicy;
import org.odcmigrate.fixtures.ConfirmedSource;
import org.odcmigrate.fixtures.CopiedRows;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.plan.EntityPlan;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The whole product as {@code dev} runs it: a migration started over HTTP, followed to its end,
 * then every table of the stage compared row by row with its O11 table, by an expectation written
 * here from what O11 stores and ODC expects, independent of the copy engine's own code.
 *
 * <p>A behaviour test (the whole migration), spanning every module; named for that behaviour.
 */
class EndToEndMigrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static DropwizardTestSupport<OdcMigrateConfiguration> app;
  private static OdcMigrateConfiguration config;

  private static SampleSource confirmed;

  @BeforeAll
  static void startDev() throws Exception {
    config = TestDevConfiguration.create(300);
    // A second environment made only of the platform columns public sources confirm, its app's
    // tables in another catalog, with NULLs outside references and U+0000 in text (replaced).
    confirmed = ConfirmedSource.create();
    Map<String, EnvironmentConfig> environments = new TreeMap<>(config.getEnvironments());
    environments.put(
        "O11-Confirmed",
        new EnvironmentConfig(confirmed.url(), "", "", "UTC", 4, ControlConfig.none(), false));
    config.setEnvironments(environments);
    MigrationDefaults m = config.getMigration();
    config.setMigration(
        new MigrationDefaults(
            m.parallelApps(),
            m.parallelEntities(),
            m.batchSize(),
            m.splitRows(),
            m.heartbeatTimeoutSeconds(),
            ValuePolicy.NullValues.DEFAULT,
            ValuePolicy.NulCharacters.REPLACE,
            null));
    app = new DropwizardTestSupport<>(OdcMigrateApplication.class, config, DevCommand::new);
    app.before();
  }

  @AfterAll
  static void stopDev() {
    if (app != null) {
      app.after();
    }
    if (confirmed != null) {
      confirmed.close();
    }
  }

  @Test
  void theConfirmedColumnsEnvironmentMigratesCompletelyWithEveryValueAsTheAppsReadIt()
      throws Exception {
    PGSimpleDataSource stage = new PGSimpleDataSource();
    StageConfig development = config.getStages().get("Development");
    stage.setUrl(development.url());
    stage.setUser(development.user());
    stage.setPassword(development.password());
    SampleMigration fixture = SampleMigration.create(confirmed, stage, "fixture-plan");

    HttpResponse<String> started =
        post(
            "/api/migrations",
            "{\"sourceEnvironment\":\"O11-Confirmed\",\"targetStage\":\"Development\",\"stopEnvironment\":false,"
                + "\"undeployApps\":false}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String id = JSON.readTree(started.body()).path("id").asText();
    JsonNode view = awaitEnd(id);
    assertThat(view.path("status").asText()).as(view.toString()).isEqualTo("COMPLETED");
    assertThat(view.path("entitiesMigrated").asInt()).isEqualTo(2);
    assertThat(view.path("usersMigrated").asInt())
        .as("alice and bob of the Users tenant")
        .isEqualTo(2);

    Map<Integer, UUID> users = new TreeMap<>();
    try (Connection target = stageConnection()) {
      for (String[] row :
          StageComparison.query(
              target,
              "SELECT o11_user_id, user_id FROM odc_identity.user_map"
                  + " WHERE source_environment = 'O11-Confirmed'")) {
        users.put(Integer.parseInt(row[0]), UUID.fromString(row[1]));
      }
    }
    for (EntityPlan plan : fixture.plan().entities()) {
      CopiedRows.assertMatchesSource(fixture, plan, ZoneOffset.UTC, users);
    }
    JsonNode entities = view.path("apps").get(0).path("entities");
    JsonNode note =
        entities.get(0).path("entity").path("entityName").asText().equals("Note")
            ? entities.get(0)
            : entities.get(1);
    assertThat(note.path("nulCharactersByAttribute").path("Body").asLong()).isEqualTo(3);
    String log =
        HTTP.send(
                HttpRequest.newBuilder(uri("/api/migrations/" + id + "/logs")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(log)
        .contains(
            "Plan: derived multi-tenancy",
            "Values rewritten in Inventory.Item: Active: 1 NULL",
            "Values rewritten in Inventory.Note: Title: 1 NULL, Body: 3 U+0000 replaced");
  }

  @Test
  void migrationThroughRestCopiesEveryRowOfEveryEntityExactly() throws Exception {
    HttpResponse<String> started =
        post(
            "/api/migrations",
            "{\"sourceEnvironment\":\"O11-Sample\",\"targetStage\":\"Development\",\"stopEnvironment\":false,\"undeployApps\":false}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String id = JSON.readTree(started.body()).path("id").asText();
    assertThat(started.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/api/migrations/" + id));

    JsonNode view = awaitEnd(id);
    assertThat(view.path("status").asText()).as(view.toString()).isEqualTo("COMPLETED");
    assertThat(view.path("entitiesMigrated").asInt())
        .isEqualTo(view.path("entitiesTotal").asInt())
        .isEqualTo(7);

    Map<String, Long> reported = new TreeMap<>();
    for (JsonNode app : view.path("apps")) {
      assertThat(app.path("status").asText()).isEqualTo("COMPLETED");
      for (JsonNode entity : app.path("entities")) {
        assertThat(entity.path("rowsWritten").asLong())
            .isEqualTo(entity.path("sourceRows").asLong());
        reported.put(
            app.path("appName").asText() + "." + entity.path("entity").path("entityName").asText(),
            entity.path("rowsWritten").asLong());
      }
    }

    Map<String, Long> compared;
    try (Connection source = sourceConnection();
        Connection target = stageConnection()) {
      compared = new StageComparison(source, target, "O11-Sample").compareEveryTable();
    }
    assertThat(reported).isEqualTo(compared);
    assertThat(compared)
        .containsEntry("Customers.Customer", 300L)
        .containsEntry("Catalog.Product", 300L);

    Map<Integer, String> o11Users = everyO11UserEmail();
    assertThat(view.path("usersMigrated").asInt()).isEqualTo(o11Users.size());
    assertThat(stageUserEmailsByO11Id()).isEqualTo(o11Users);
    // The user extension entity: one profile per user, each pointing to that user's ODC id.
    assertThat(compared).containsEntry("Customers.UserProfile", (long) o11Users.size());
  }

  private static Connection sourceConnection() throws SQLException {
    EnvironmentConfig env = config.getEnvironments().get("O11-Sample");
    return DriverManager.getConnection(env.url(), env.user(), env.password());
  }

  private static Connection stageConnection() throws SQLException {
    StageConfig stage = config.getStages().get("Development");
    return DriverManager.getConnection(stage.url(), stage.user(), stage.password());
  }

  private Map<Integer, String> everyO11UserEmail() throws SQLException {
    Map<Integer, String> emails = new TreeMap<>();
    try (Connection source = sourceConnection()) {
      for (String[] row : StageComparison.query(source, "SELECT [Id], [Email] FROM [ossys_User]")) {
        emails.put(Integer.parseInt(row[0]), row[1]);
      }
    }
    return emails;
  }

  /** Each mapped O11 user id with the email of the ODC user it maps to. */
  private Map<Integer, String> stageUserEmailsByO11Id() throws SQLException {
    Map<Integer, String> emails = new TreeMap<>();
    try (Connection target = stageConnection()) {
      for (String[] row :
          StageComparison.query(
              target,
              "SELECT m.o11_user_id, u.email FROM odc_identity.user_map m"
                  + " JOIN odc_identity.end_user u ON u.id = m.user_id WHERE m.source_environment = 'O11-Sample'")) {
        emails.put(Integer.parseInt(row[0]), row[1]);
      }
    }
    return emails;
  }

  @Test
  void unknownEnvironmentIsAProblemThatNamesIt() throws Exception {
    HttpResponse<String> answer =
        post(
            "/api/migrations",
            "{\"sourceEnvironment\":\"Nowhere\",\"targetStage\":\"Development\",\"stopEnvironment\":false,\"undeployApps\":false}");
    assertThat(answer.statusCode()).isEqualTo(422);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.path("status").asInt()).isEqualTo(422);
    assertThat(problem.path("detail").asText())
        .contains("unknown environment 'Nowhere'")
        .contains("O11-Sample");
  }

  @Test
  void unknownStageIsAProblemThatNamesIt() throws Exception {
    HttpResponse<String> answer =
        post(
            "/api/migrations",
            "{\"sourceEnvironment\":\"O11-Sample\",\"targetStage\":\"Production\",\"stopEnvironment\":false,\"undeployApps\":false}");
    assertThat(answer.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(answer.body()).path("detail").asText())
        .contains("unknown stage 'Production'")
        .contains("Development");
  }

  @Test
  void unknownMigrationIsNotFound() throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(uri("/api/migrations/no-such-id")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(answer.body()).path("detail").asText()).contains("no-such-id");
  }

  private JsonNode awaitEnd(String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (true) {
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(uri("/api/migrations/" + id)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode view = JSON.readTree(answer.body());
      String status = view.path("status").asText();
      if (Set.of("COMPLETED", "FAILED", "CANCELLED").contains(status)) {
        return view;
      }
      assertThat(System.nanoTime()).as("migration still %s: %s", status, view).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://localhost:" + app.getLocalPort() + path);
  }
}
