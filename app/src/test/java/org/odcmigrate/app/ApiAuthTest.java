package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.access.common.spi.IAccessEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.common.FileAppenderFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.odcmigrate.api.auth.AuthConfig;
import org.odcmigrate.api.auth.TokenConfig;

/**
 * The API with auth on: a viewer token stored hashed, an operator token given in plain (as from an
 * environment variable). No token or a wrong one is 401, a viewer starting or cancelling is 403,
 * and neither token ever reaches the request log.
 */
class ApiAuthTest {

  private static final String VIEWER_TOKEN = "viewer-token-0123456789abcdef";
  private static final String OPERATOR_TOKEN = "operator-token-fedcba9876543210";
  private static final List<String> READS =
      List.of(
          "/api/environments",
          "/api/stages",
          "/api/stages/Development/apps",
          "/api/migrations",
          "/api/migrations/some-id",
          "/api/migrations/some-id/logs",
          "/api/migrations/some-id/entities");

  private static DropwizardTestSupport<OdcMigrateConfiguration> app;
  private static Path requestLog;
  private static ApiHttp anonymous;
  private static ApiHttp viewer;
  private static ApiHttp operator;

  @BeforeAll
  static void startDevWithAuth() throws Exception {
    OdcMigrateConfiguration config = TestDevConfiguration.create(20);
    config.setAuth(
        new AuthConfig(
            true,
            List.of(
                new TokenConfig("dashboard", "viewer", "sha256:" + sha256(VIEWER_TOKEN)),
                new TokenConfig("release-pipeline", "operator", OPERATOR_TOKEN))));
    requestLog = Files.createTempFile("odc-migrate-requests", ".log");
    FileAppenderFactory<IAccessEvent> file = new FileAppenderFactory<>();
    file.setCurrentLogFilename(requestLog.toString());
    file.setArchive(false);
    file.setImmediateFlush(true);
    LogbackAccessRequestLogFactory requests = new LogbackAccessRequestLogFactory();
    requests.setAppenders(List.<AppenderFactory<IAccessEvent>>of(file));
    ((DefaultServerFactory) config.getServerFactory()).setRequestLogFactory(requests);

    app = new DropwizardTestSupport<>(OdcMigrateApplication.class, config, DevCommand::new);
    app.before();
    anonymous = new ApiHttp(app.getLocalPort(), null);
    viewer = anonymous.withToken(VIEWER_TOKEN);
    operator = anonymous.withToken(OPERATOR_TOKEN);
  }

  @AfterAll
  static void stopDev() {
    if (app != null) {
      app.after();
    }
  }

  private static String sha256(String token) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void everyEndpointWithoutAValidTokenIs401WithABearerChallenge() throws Exception {
    for (ApiHttp caller :
        List.of(
            anonymous,
            anonymous.withToken("not-a-configured-token"),
            anonymous.withToken("sha256:" + sha256(VIEWER_TOKEN)))) {
      for (String path : READS) {
        assertUnauthorized(caller.get(path));
      }
      assertUnauthorized(caller.post("/api/migrations", ApiHttp.START_SAMPLE));
      assertUnauthorized(caller.post("/api/migrations/some-id/cancel", "{}"));
      assertUnauthorized(caller.post("/api/migrations/some-id/pause", "{}"));
    }
    for (String header :
        List.of(
            "Basic " + VIEWER_TOKEN, "Bearer", "Bearer  ", VIEWER_TOKEN, "bearer" + VIEWER_TOKEN)) {
      assertUnauthorized(
          anonymous.send(anonymous.request("/api/stages").header("Authorization", header).GET()));
    }
  }

  private static void assertUnauthorized(HttpResponse<String> answer) throws Exception {
    JsonNode problem = ApiHttp.problem(answer, 401);
    assertThat(problem.path("detail").asText()).contains("Authorization: Bearer");
    assertThat(answer.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"odc-migrate\"");
  }

  @Test
  void viewerReadsButCannotStartOrCancel() throws Exception {
    for (String path : READS) {
      int status = viewer.get(path).statusCode();
      assertThat(status)
          .as(path)
          .isIn(200, 404); // 404: some-id is no migration; the call got through
    }
    JsonNode forbidden = ApiHttp.problem(viewer.post("/api/migrations", ApiHttp.START_SAMPLE), 403);
    assertThat(forbidden.path("detail").asText()).contains("operator", "dashboard", "viewer");
    ApiHttp.problem(viewer.post("/api/migrations/some-id/cancel", "{}"), 403);
    ApiHttp.problem(viewer.post("/api/migrations/some-id/pause", "{}"), 403);
    ApiHttp.problem(viewer.post("/api/migrations/some-id/resume", ""), 403);
    ApiHttp.problem(viewer.put("/api/migrations/some-id/limits", "{\"parallelApps\":1}"), 403);
  }

  @Test
  void operatorStartsFollowsAndCancels() throws Exception {
    String id = operator.start();
    assertThat(viewer.awaitEnd(id).path("status").asText()).isEqualTo("COMPLETED");
    ApiHttp.problem(operator.post("/api/migrations/" + id + "/cancel", "{}"), 409);
    JsonNode notRunning =
        ApiHttp.problem(operator.post("/api/migrations/" + id + "/pause", "{}"), 409);
    assertThat(notRunning.path("detail").asText())
        .isEqualTo(
            "migration "
                + id
                + " is COMPLETED, not running: only a running migration can be paused");
    ApiHttp.problem(operator.post("/api/migrations/" + id + "/resume", ""), 409);
    assertThat(operator.ok(operator.get("/api/migrations/" + id + "/entities"), 200).path("apps"))
        .hasSize(3);
  }

  @Test
  void openApiDocumentIsOpenAndDeclaresBearerAuth() throws Exception {
    JsonNode document = anonymous.ok(anonymous.get("/api/openapi.json"), 200);
    assertThat(
            document
                .path("components")
                .path("securitySchemes")
                .path("bearer")
                .path("scheme")
                .asText())
        .isEqualTo("bearer");
    assertThat(document.path("security").get(0).has("bearer")).isTrue();
  }

  @Test
  void migrateCommandTakesItsTokenFromTheEnvironment() throws Exception {
    String api = "http://localhost:" + app.getLocalPort();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(
            MigrateRun.migrate(
                Map.of("ODC_MIGRATE_TOKEN", VIEWER_TOKEN), out, "list", "--api", api))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Id", "Status");

    out.reset();
    assertThat(MigrateRun.migrate(Map.of(), out, "list", "--api", api))
        .isEqualTo(MigrateCommand.REQUEST_FAILED);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("401", "Authorization: Bearer");

    out.reset();
    assertThat(
            MigrateRun.migrate(
                Map.of(), out, "cancel", "some-id", "--api", api, "--token", VIEWER_TOKEN))
        .isEqualTo(MigrateCommand.REQUEST_FAILED);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("403", "operator");
  }

  @Test
  void tokensNeverReachTheRequestLog() throws Exception {
    viewer.get("/api/stages");
    operator.get("/api/environments");
    anonymous.withToken("a-wrong-token-that-must-not-be-logged").get("/api/stages");
    String log = "";
    for (int i = 0; i < 50 && !log.contains("/api/environments"); i++) {
      Thread.sleep(100); // the request log is written after the answer is sent
      log = Files.readString(requestLog);
    }
    assertThat(log).contains("GET /api/stages", "GET /api/environments");
    assertThat(log)
        .doesNotContain(
            VIEWER_TOKEN, OPERATOR_TOKEN, "a-wrong-token-that-must-not-be-logged", "Bearer");
  }
}
