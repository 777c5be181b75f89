package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.odcmigrate.config.ControlConfig;
import org.odcmigrate.config.EnvironmentConfig;

/**
 * The environment calls: the end users' email check before a run, and starting a stopped
 * environment.
 *
 * <p>A behaviour test over HTTP, spanning EnvironmentResource, EnvironmentService and the controls;
 * named for those endpoints.
 */
class EnvironmentEndpointsTest {

  private static final List<String> hookCalls = new CopyOnWriteArrayList<>();
  private static DropwizardTestSupport<OdcMigrateConfiguration> app;
  private static OdcMigrateConfiguration config;
  private static HttpServer hook;
  private static ApiHttp api;

  @BeforeAll
  static void startDev() throws Exception {
    hook = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    hook.createContext(
        "/hook",
        exchange -> {
          hookCalls.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    hook.start();
    config = TestDevConfiguration.create(50);
    EnvironmentConfig sample = config.getEnvironments().get("O11-Sample");
    config.setEnvironments(
        Map.of(
            "O11-Sample",
            new EnvironmentConfig(
                sample.url(),
                sample.user(),
                sample.password(),
                sample.timeZone(),
                sample.maxConnections(),
                new ControlConfig(
                    ControlConfig.Type.WEBHOOK,
                    null,
                    null,
                    null,
                    "http://localhost:" + hook.getAddress().getPort() + "/hook",
                    null,
                    5),
                sample.snapshotReads())));
    app = new DropwizardTestSupport<>(OdcMigrateApplication.class, config, DevCommand::new);
    app.before();
    api = new ApiHttp(app.getLocalPort(), null);
  }

  @AfterAll
  static void stopDev() {
    if (app != null) {
      app.after();
    }
    hook.stop(0);
  }

  @Test
  void usersWhoseEmailCannotBeALoginAreListedBeforeARun() throws Exception {
    JsonNode clean = api.ok(api.get("/api/environments/O11-Sample/users/validation"), 200);
    assertThat(clean.path("usersChecked").asInt()).isEqualTo(25);
    assertThat(clean.path("offenders")).isEmpty();

    EnvironmentConfig sample = config.getEnvironments().get("O11-Sample");
    try (Connection source =
            DriverManager.getConnection(sample.url(), sample.user(), sample.password());
        Statement st = source.createStatement()) {
      st.executeUpdate("UPDATE [ossys_User] SET [Email] = '' WHERE [Id] = 3");
      st.executeUpdate("UPDATE [ossys_User] SET [Email] = 'not an email' WHERE [Id] = 6");
      st.executeUpdate(
          "UPDATE [ossys_User] SET [Email] = UPPER((SELECT [Email] FROM [ossys_User] WHERE [Id] = 2))"
              + " WHERE [Id] = 9");
    }
    JsonNode report = api.ok(api.get("/api/environments/O11-Sample/users/validation"), 200);
    assertThat(report.path("offenders")).hasSize(3);
    assertThat(report.path("offenders").get(0).toString())
        .contains("\"userId\":3", "\"username\":\"user3\"", "EMPTY");
    assertThat(report.path("offenders").get(1).toString())
        .contains("\"userId\":6", "MALFORMED", "not an email");
    assertThat(report.path("offenders").get(2).toString())
        .contains("\"userId\":9", "DUPLICATE", "\"duplicateOf\":2");

    assertThat(
            ApiHttp.problem(api.get("/api/environments/Nowhere/users/validation"), 422)
                .path("detail")
                .asText())
        .contains("unknown environment 'Nowhere'");
  }

  @Test
  void aStoppedEnvironmentIsStartedThroughItsControl() throws Exception {
    JsonNode started = api.ok(api.post("/api/environments/O11-Sample/start", ""), 200);
    assertThat(started.path("workflowId").asText()).isEqualTo("environment-start/O11-Sample");
    assertThat(hookCalls).containsExactly("{\"action\":\"start\",\"environment\":\"O11-Sample\"}");
  }
}
