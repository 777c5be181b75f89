package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.DropwizardTestSupport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.config.StageConfig;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.o11.O11Metadata;
import org.odcmigrate.odc.ModelConverter;

/**
 * ODC code migration gives every app a key of its own, unlike the SS_Key of the O11 module it came
 * from. A stage converted that way is checked and migrated exactly as one whose apps carry their
 * modules' keys: every table equals O11, and end users get the same roles.
 */
class OwnAppKeysMigrationTest {

  private static DropwizardTestSupport<OdcMigrateConfiguration> app;
  private static OdcMigrateConfiguration config;
  private static ApiHttp api;

  @BeforeAll
  static void startDev() throws Exception {
    config = TestDevConfiguration.create(200);
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
  void appsKeyedApartFromTheirModulesMigrateLikeAppsKeyedAsTheirModules() throws Exception {
    // dev converted the sample as this tool's stand-in does: app keys equal to module keys.
    assertThat(api.awaitEnd(api.start()).path("status").asText()).isEqualTo("COMPLETED");
    Map<String, Long> keyedAsModules = compareEveryTable();
    List<String> rolesKeyedAsModules = roles();
    assertThat(rolesKeyedAsModules).isNotEmpty();

    try (Connection source = source();
        Connection stage = stage()) {
      new ModelConverter(O11Metadata.read(source), SampleMigration::ownAppKey)
          .convert(List.of(), source, stage);
      assertThat(
              StageComparison.query(
                  stage, "SELECT count(*) FROM odc_catalog.app WHERE app_key = source_module_key"))
          .singleElement()
          .satisfies(row -> assertThat(row[0]).isEqualTo("0"));
    }

    JsonNode check = api.ok(api.get("/api/environments/O11-Sample/check?stage=Development"), 200);
    assertThat(check.path("canStart").asBoolean()).as(check.toString()).isTrue();
    assertThat(check.path("entities")).hasSize(7);

    JsonNode view = api.awaitEnd(api.start());
    assertThat(view.path("status").asText()).as(view.toString()).isEqualTo("COMPLETED");
    assertThat(compareEveryTable()).isEqualTo(keyedAsModules).hasSize(7);
    assertThat(roles()).isEqualTo(rolesKeyedAsModules);
    try (Connection stage = stage()) {
      assertThat(
              StageComparison.query(
                  stage,
                  "SELECT count(*) FROM odc_identity.user_role r"
                      + " JOIN odc_catalog.app a USING (app_key) WHERE a.app_key <> a.source_module_key"))
          .singleElement()
          .satisfies(row -> assertThat(row[0]).isEqualTo(String.valueOf(roles().size())));
    }
  }

  private static Map<String, Long> compareEveryTable() throws SQLException {
    try (Connection source = source();
        Connection stage = stage()) {
      return new TreeMap<>(new StageComparison(source, stage, "O11-Sample").compareEveryTable());
    }
  }

  /** "O11 user id/module SS_Key/role SS_Key" of every end user's role in the stage. */
  private static List<String> roles() throws SQLException {
    try (Connection stage = stage()) {
      return StageComparison.query(
              stage,
              "SELECT m.o11_user_id || '/' || lower(a.source_module_key) || '/' || lower(r.role_key)"
                  + " FROM odc_identity.user_role r JOIN odc_identity.user_map m ON m.user_id = r.user_id"
                  + " JOIN odc_catalog.app a ON a.app_key = r.app_key ORDER BY 1")
          .stream()
          .map(row -> row[0])
          .toList();
    }
  }

  private static Connection source() throws SQLException {
    EnvironmentConfig env = config.getEnvironments().get("O11-Sample");
    return DriverManager.getConnection(env.url(), env.user(), env.password());
  }

  private static Connection stage() throws SQLException {
    StageConfig stage = config.getStages().get("Development");
    return DriverManager.getConnection(stage.url(), stage.user(), stage.password());
  }
}
