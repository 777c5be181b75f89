package org.odcmigrate.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcmigrate.api.core.CheckService;
import org.odcmigrate.api.core.EnvironmentService;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.ControlConfig;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.config.MigrationDefaults;
import org.odcmigrate.config.TemporalConfig;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.migration.EnvironmentStartWorkflow;

/**
 * {@link EnvironmentResource} over the API's core, a Temporal test server and the sample in H2: the
 * email check and the start of an environment, with their problem shapes.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class EnvironmentResourceTest {

  private static final TestWorkflowEnvironment TEMPORAL = TestWorkflowEnvironment.newInstance();
  private static final SampleSource SAMPLE = SampleSource.small();
  private static final Connections CONNECTIONS =
      new Connections(
          Map.of(
              "Sample",
              environment(SAMPLE.url(), ControlConfig.none()),
              // A database without the platform tables: it answers, but holds no O11.
              "Empty",
              environment(
                  "jdbc:h2:mem:empty-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                  ControlConfig.none()),
              "Controlled",
              environment(
                  SAMPLE.url(),
                  new ControlConfig(
                      ControlConfig.Type.WEBHOOK,
                      null,
                      null,
                      null,
                      "http://localhost:1/start",
                      null,
                      0))),
          Map.of("Development", StageMigrations.stage()));

  static {
    Worker worker = TEMPORAL.newWorker(TemporalConfig.defaults().taskQueue());
    worker.registerWorkflowImplementationTypes(ControlThatFails.class);
    TEMPORAL.start();
  }

  static final ResourceExtension RESOURCES =
      MigrationResourceTest.resources(
          new EnvironmentResource(
              Map.of(
                  "Sample", CONNECTIONS.environment("Sample"),
                  "Empty", CONNECTIONS.environment("Empty"),
                  "Controlled", CONNECTIONS.environment("Controlled")),
              new EnvironmentService(
                  TEMPORAL.getWorkflowClient(), TemporalConfig.defaults(), CONNECTIONS),
              new CheckService(CONNECTIONS, MigrationDefaults.defaults(), false)));

  /** Stands in for the worker's start workflow: the environment's control answers an error. */
  public static class ControlThatFails implements EnvironmentStartWorkflow {
    @Override
    public void start(String environment) {
      throw ApplicationFailure.newNonRetryableFailure("the webhook answered 500", "ControlFailed");
    }
  }

  private static EnvironmentConfig environment(String url, ControlConfig control) {
    return new EnvironmentConfig(url, "", "", null, 2, control, false);
  }

  @AfterAll
  static void close() throws Exception {
    TEMPORAL.close();
    CONNECTIONS.close();
    SAMPLE.close();
  }

  @Test
  void theEnvironmentsAreListedByNameWithoutCredentials() {
    JsonNode list = RESOURCES.target("/api/environments").request().get(JsonNode.class);
    assertThat(list.findValuesAsText("name")).containsExactly("Controlled", "Empty", "Sample");
    assertThat(list.toString()).doesNotContain("password");
  }

  @Test
  void theEmailCheckCountsEveryEndUserAndFindsNoOffenderInTheSample() throws Exception {
    long users;
    try (Connection connection = SAMPLE.dataSource().getConnection();
        Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM [ossys_User]")) {
      rs.next();
      users = rs.getLong(1);
    }
    JsonNode check =
        RESOURCES.target("/api/environments/Sample/users/validation").request().get(JsonNode.class);
    assertThat(check.get("environment").asText()).isEqualTo("Sample");
    assertThat(check.get("usersChecked").asLong()).isEqualTo(users).isPositive();
    assertThat(check.get("offenders")).isEmpty();
  }

  @Test
  void anEnvironmentThatCannotBeReadIsUnavailable() {
    JsonNode problem = problem(get("/api/environments/Empty/users/validation"), 503);
    assertThat(problem.get("type").asText()).isEqualTo("/problems/environment-unavailable");
    assertThat(problem.get("detail").asText()).startsWith("environment Empty cannot be read: ");
  }

  @Test
  void anUnknownEnvironmentIsRefusedWithTheConfiguredNames() {
    JsonNode problem = problem(get("/api/environments/Nowhere/users/validation"), 422);
    assertThat(problem.get("type").asText()).isEqualTo("/problems/unknown-environment");
    assertThat(problem.get("detail").asText()).contains("unknown environment 'Nowhere'");
  }

  @Test
  void anEnvironmentWithoutControlIsNotStarted() {
    JsonNode problem = problem(start("Sample"), 422);
    assertThat(problem.get("type").asText()).isEqualTo("/problems/no-control");
    assertThat(problem.get("detail").asText())
        .isEqualTo(
            "environment Sample has no control configured (control.type: database or webhook):"
                + " start it the way it was stopped");
  }

  @Test
  void aControlThatFailsIsABadGatewayNamingItsWorkflow() {
    JsonNode problem = problem(start("Controlled"), 502);
    assertThat(problem.get("type").asText()).isEqualTo("/problems/start-failed");
    assertThat(problem.get("detail").asText())
        .startsWith("starting environment Controlled failed: ")
        .contains("the webhook answered 500")
        .endsWith("(workflow environment-start/Controlled)");
  }

  @Test
  void aCheckWithoutAStageTakesTheOnlyOneAndAnUnreadableEnvironmentIsUnavailable() {
    JsonNode problem = problem(get("/api/environments/Empty/check"), 503);
    assertThat(problem.get("type").asText()).isEqualTo("/problems/database-unavailable");
    assertThat(problem.get("detail").asText())
        .startsWith("environment Empty or stage Development cannot be read: ");
  }

  private static Response get(String path) {
    return RESOURCES.target(path).request().get();
  }

  private static Response start(String environment) {
    return RESOURCES
        .target("/api/environments/" + environment + "/start")
        .request()
        .post(Entity.entity("", MediaType.APPLICATION_JSON));
  }

  private static JsonNode problem(Response response, int status) {
    assertThat(response.getStatus()).isEqualTo(status);
    assertThat(response.getMediaType().toString()).startsWith("application/problem+json");
    return response.readEntity(JsonNode.class);
  }
}
