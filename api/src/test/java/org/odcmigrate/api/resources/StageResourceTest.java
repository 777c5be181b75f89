package org.odcmigrate.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcmigrate.api.core.StageApps;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.ControlConfig;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.config.StageConfig;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.o11.O11Metadata;
import org.odcmigrate.odc.ModelConverter;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link StageResource} over embedded stages and the sample in H2: the configured stages, a stage's
 * apps with and without a source environment, and the problem shapes of unknown names and a stage
 * that cannot be read.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class StageResourceTest {

  private static final SampleSource SAMPLE = SampleSource.small();
  private static final StageConfig CONVERTED = converted();
  private static final Connections CONNECTIONS =
      new Connections(
          Map.of(
              "Sample",
              new EnvironmentConfig(SAMPLE.url(), "", "", null, 2, ControlConfig.none(), false)),
          Map.of(
              "Development",
              CONVERTED,
              "Fresh",
              withoutCatalog(),
              "Locked",
              new StageConfig(CONVERTED.url(), "outsider", null, 2, null, false)));

  static final ResourceExtension RESOURCES =
      MigrationResourceTest.resources(
          new StageResource(CONNECTIONS.stages(), new StageApps(CONNECTIONS)));

  /** A stage into which code migration converted every sample module; Orders is unpublished. */
  private static StageConfig converted() {
    PGSimpleDataSource stage = EmbeddedStage.newDatabase();
    try (Connection source = SAMPLE.dataSource().getConnection();
        Connection target = stage.getConnection();
        Statement st = target.createStatement()) {
      new ModelConverter(O11Metadata.read(source)).convert(List.of(), source, target);
      st.execute("UPDATE odc_catalog.app SET status = 'UNPUBLISHED' WHERE name = 'Orders'");
      // A login that may connect but not read the catalog, as a misconfigured stage user would.
      st.execute(
          "DO $$ BEGIN CREATE ROLE outsider LOGIN; EXCEPTION WHEN duplicate_object THEN END $$");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new StageConfig(stage.getUrl(), "postgres", null, 2, null, false);
  }

  private static StageConfig withoutCatalog() {
    return new StageConfig(EmbeddedStage.newDatabase().getUrl(), "postgres", null, 2, null, false);
  }

  @AfterAll
  static void close() {
    CONNECTIONS.close();
    SAMPLE.close();
  }

  @Test
  void theStagesAreListedByNameWithTheirDatabaseAndNoCredentials() {
    JsonNode list = RESOURCES.target("/api/stages").request().get(JsonNode.class);
    assertThat(list.findValuesAsText("name")).containsExactly("Development", "Fresh", "Locked");
    JsonNode database = list.get(0).get("database");
    assertThat(database.get("kind").asText()).isEqualTo("postgresql");
    assertThat(database.get("host").asText()).isEqualTo("localhost");
    assertThat(database.get("port").asInt()).isEqualTo(EmbeddedStage.port());
    assertThat(list.toString()).doesNotContain("password").doesNotContain("user");
  }

  @Test
  void aStageListsEveryConvertedAppWithItsEntities() {
    JsonNode apps = apps("/api/stages/Development/apps");
    assertThat(names(apps)).containsExactlyInAnyOrderElementsOf(SAMPLE.sample().appModules());
    JsonNode orders = app(apps, "Orders");
    assertThat(orders.get("status").asText()).isEqualTo("UNPUBLISHED");
    assertThat(orders.get("deployed").asBoolean()).isTrue();
    assertThat(orders.get("entities")).isNotEmpty();
    assertThat(orders.get("entities").get(0).get("table").asText()).isNotBlank();
    // Without a source, no app is judged for a migration.
    assertThat(orders.has("migratable")).isFalse();
  }

  @Test
  void withASourceEachAppSaysWhetherItCanBeMigratedAndWhatToDoOtherwise() {
    JsonNode apps =
        apps(RESOURCES.target("/api/stages/Development/apps").queryParam("source", "Sample"));
    assertThat(names(apps)).containsExactlyInAnyOrderElementsOf(SAMPLE.sample().appModules());
    assertThat(app(apps, "Customers").get("migratable").asBoolean()).isTrue();
    assertThat(app(apps, "Customers").has("reason")).isFalse();
    JsonNode orders = app(apps, "Orders");
    assertThat(orders.get("migratable").asBoolean()).isFalse();
    assertThat(orders.get("reason").asText()).isEqualTo("not published in the stage: publish it");
  }

  @Test
  void aStageWithoutACatalogHasNoAppsYet() {
    assertThat(apps("/api/stages/Fresh/apps")).isEmpty();
  }

  @Test
  void anUnknownStageIsNotFoundWithTheConfiguredNames() {
    JsonNode problem = problem(get("/api/stages/Nowhere/apps"), 404);
    assertThat(problem.get("type").asText()).isEqualTo("/problems/stage-not-found");
    assertThat(problem.get("detail").asText())
        .isEqualTo("unknown stage 'Nowhere': configured stages are [Development, Fresh, Locked]");
  }

  @Test
  void anUnknownSourceIsRefusedWithTheConfiguredNames() {
    JsonNode problem =
        problem(
            RESOURCES
                .target("/api/stages/Development/apps")
                .queryParam("source", "Nowhere")
                .request()
                .get(),
            422);
    assertThat(problem.get("type").asText()).isEqualTo("/problems/unknown-environment");
    assertThat(problem.get("detail").asText()).contains("unknown environment 'Nowhere'");
  }

  @Test
  void aStageWhoseCatalogCannotBeReadIsUnavailable() {
    JsonNode problem = problem(get("/api/stages/Locked/apps"), 503);
    assertThat(problem.get("type").asText()).isEqualTo("/problems/stage-unavailable");
    assertThat(problem.get("detail").asText()).contains("Locked").contains("permission denied");
  }

  private static JsonNode apps(String path) {
    return apps(RESOURCES.target(path));
  }

  private static JsonNode apps(WebTarget target) {
    Response response = target.request().get();
    assertThat(response.getStatus()).isEqualTo(200);
    return response.readEntity(JsonNode.class);
  }

  private static List<String> names(JsonNode apps) {
    return StreamSupport.stream(apps.spliterator(), false)
        .map(a -> a.get("name").asText())
        .toList();
  }

  private static JsonNode app(JsonNode apps, String name) {
    return StreamSupport.stream(apps.spliterator(), false)
        .filter(a -> a.get("name").asText().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static Response get(String path) {
    return RESOURCES.target(path).request().get();
  }

  private static JsonNode problem(Response response, int status) {
    assertThat(response.getStatus()).isEqualTo(status);
    assertThat(response.getMediaType().toString()).startsWith("application/problem+json");
    return response.readEntity(JsonNode.class);
  }
}
