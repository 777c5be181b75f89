package org.odcmigrate.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.ControlConfig;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.config.StageConfig;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.migration.ControlActivities;
import org.odcmigrate.migration.FailureTypes;
import org.postgresql.ds.PGSimpleDataSource;

/** The control ports: real undeploy and redeploy of stage apps, and the webhook adapter. */
class ControlActivitiesTest {

  private final List<String> webhookCalls = new CopyOnWriteArrayList<>();
  private TestActivityEnvironment temporal;
  private SampleSource source;
  private PGSimpleDataSource stage;
  private HttpServer webhook;
  private volatile int webhookStatus = 200;

  @BeforeEach
  void setUp() throws Exception {
    temporal = TestActivityEnvironment.newInstance();
    source = SampleSource.small();
    stage = EmbeddedStage.newDatabase();
    SampleMigration.convert(source, stage);
    webhook = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    webhook.createContext(
        "/control",
        exchange -> {
          webhookCalls.add(
              exchange.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] answer = "{\"ok\":false}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(webhookStatus, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    webhook.start();
  }

  @AfterEach
  void tearDown() {
    temporal.close();
    source.close();
    webhook.stop(0);
  }

  private ControlActivities activities(
      ControlConfig environmentControl, ControlConfig stageControl) {
    Connections connections =
        new Connections(
            Map.of(
                "O11",
                new EnvironmentConfig(
                    "jdbc:h2:mem:unused", "sa", "", "UTC", 1, environmentControl, false)),
            Map.of(
                "Stage", new StageConfig(stage.getUrl(), "postgres", "", 2, stageControl, false)));
    temporal.registerActivitiesImplementations(new ControlActivitiesImpl(connections));
    return temporal.newActivityStub(ControlActivities.class);
  }

  private ControlConfig webhookControl() {
    return new ControlConfig(
        ControlConfig.Type.WEBHOOK,
        null,
        null,
        null,
        "http://localhost:" + webhook.getAddress().getPort() + "/control",
        "Bearer hook-token",
        5);
  }

  @Test
  void undeployTakesLoginAwayEndsSessionsAndRedeployGivesItBack() throws Exception {
    ControlActivities control =
        activities(
            ControlConfig.none(),
            new ControlConfig(ControlConfig.Type.DATABASE, null, null, null, null, null, 0));
    String appKey = appKey("Orders");
    Connection runtimeSession = DriverManager.getConnection(stage.getUrl(), "orders_runtime", "");

    assertThat(control.undeployApps("m-1", "Stage", List.of(appKey))).containsExactly("Orders");
    assertThat(canLogin("orders_runtime")).isFalse();
    assertThat(
            catalog(
                "SELECT deployed || '/' || undeployed_by FROM odc_catalog.app WHERE name = 'Orders'"))
        .isEqualTo("false/m-1");
    assertThatThrownBy(() -> runtimeSession.createStatement().execute("SELECT 1"))
        .as("the app's open session was ended")
        .isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> DriverManager.getConnection(stage.getUrl(), "orders_runtime", ""))
        .hasMessageContaining("not permitted to log in");
    assertThat(canLogin("customers_runtime")).as("apps outside the list stay deployed").isTrue();

    // A retry after the undeploy committed still knows which apps to redeploy.
    assertThat(control.undeployApps("m-1", "Stage", List.of(appKey))).containsExactly("Orders");
    assertThat(control.redeployApps("m-1", "Stage")).containsExactly("Orders");
    assertThat(canLogin("orders_runtime")).isTrue();
    assertThat(
            catalog(
                "SELECT deployed || '/' || coalesce(undeployed_by, '-') FROM odc_catalog.app WHERE name = 'Orders'"))
        .isEqualTo("true/-");
    assertThat(control.redeployApps("m-1", "Stage")).isEmpty();
  }

  @Test
  void webhookReceivesTheActionsWithItsAuthorization() throws SQLException {
    ControlActivities control = activities(webhookControl(), webhookControl());
    control.stopEnvironment("O11");
    control.startEnvironment("O11");
    control.undeployApps("m-2", "Stage", List.of(appKey("Catalog")));
    control.redeployApps("m-2", "Stage");
    assertThat(webhookCalls)
        .containsExactly(
            "Bearer hook-token {\"action\":\"stop\",\"environment\":\"O11\"}",
            "Bearer hook-token {\"action\":\"start\",\"environment\":\"O11\"}",
            "Bearer hook-token {\"action\":\"undeploy\",\"stage\":\"Stage\",\"apps\":[\"Catalog\"]}",
            "Bearer hook-token {\"action\":\"redeploy\",\"stage\":\"Stage\",\"apps\":[\"Catalog\"]}");
  }

  @Test
  void aWebhookThatRefusesFailsWithoutRetryNamingTheAnswer() {
    ControlActivities control = activities(webhookControl(), ControlConfig.none());
    webhookStatus = 403;
    assertThatThrownBy(() -> control.stopEnvironment("O11"))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOf(ApplicationFailure.class)
        .satisfies(
            f ->
                assertThat(((ApplicationFailure) f).getType())
                    .isEqualTo(FailureTypes.INVALID_REQUEST))
        .satisfies(f -> assertThat(((ApplicationFailure) f).isNonRetryable()).isTrue())
        .hasMessageContaining("refused 'stop' with HTTP 403");
  }

  @Test
  void aWebhookThatAsksToComeBackLaterIsRetried() {
    ControlActivities control = activities(webhookControl(), ControlConfig.none());
    for (int status : new int[] {429, 408, 503}) {
      webhookStatus = status;
      assertThatThrownBy(() -> control.stopEnvironment("O11"))
          .isInstanceOf(ActivityFailure.class)
          .cause()
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              f -> assertThat(f.isNonRetryable()).as("HTTP %d", status).isFalse())
          .hasMessageContaining("answered HTTP " + status);
    }
  }

  @Test
  void withoutControlTheUserIsToldToKeepThingsRunning() throws SQLException {
    ControlActivities control = activities(ControlConfig.none(), ControlConfig.none());
    assertThatThrownBy(() -> control.stopEnvironment("O11"))
        .hasMessageContaining("choose to keep it running");
    assertThatThrownBy(() -> control.undeployApps("m-3", "Stage", List.of(appKey("Catalog"))))
        .hasMessageContaining("choose to keep them deployed");
  }

  private String appKey(String name) throws SQLException {
    return catalog("SELECT app_key FROM odc_catalog.app WHERE name = '" + name + "'");
  }

  private boolean canLogin(String role) throws SQLException {
    return Boolean.parseBoolean(
        catalog("SELECT rolcanlogin::text FROM pg_roles WHERE rolname = '" + role + "'"));
  }

  private String catalog(String sql) throws SQLException {
    try (Connection connection = stage.getConnection();
        Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
