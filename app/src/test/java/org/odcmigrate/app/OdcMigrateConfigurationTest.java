package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;
import org.odcmigrate.api.auth.TokenConfig;
import org.odcmigrate.migration.MigrationOptions;

/** The configuration file: substitution from the environment, and errors that name the key. */
class OdcMigrateConfigurationTest {

  private static OdcMigrateConfiguration parse(String yaml, Map<String, String> environment)
      throws Exception {
    ConfigurationSourceProvider text =
        path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
    StringSubstitutor substitutor = new EnvironmentVariableSubstitutor(false);
    substitutor.setVariableResolver(environment::get);
    return new YamlConfigurationFactory<>(
            OdcMigrateConfiguration.class,
            Validators.newValidator(),
            OdcMigrateApplication.configure(Jackson.newObjectMapper()),
            "dw")
        .build(new SubstitutingSourceProvider(text, substitutor), "config.yml");
  }

  @Test
  void bundledDevConfigurationIsValid() throws Exception {
    OdcMigrateConfiguration config =
        new YamlConfigurationFactory<>(
                OdcMigrateConfiguration.class,
                Validators.newValidator(),
                OdcMigrateApplication.configure(Jackson.newObjectMapper()),
                "dw")
            .build(
                new SubstitutingSourceProvider(
                    new FileOrClasspathSourceProvider(), new EnvironmentVariableSubstitutor(false)),
                DevCommand.BUNDLED_CONFIGURATION);
    assertThat(config.getEnvironments()).containsKey("O11-Sample");
    assertThat(config.getStages()).containsKey("Development");
    assertThat(config.getTemporal().stickyScheduleToStartSeconds()).isZero();
  }

  @Test
  void secretsComeFromTheEnvironment() throws Exception {
    OdcMigrateConfiguration config =
        parse(
            """
        stages:
          Production:
            url: jdbc:postgresql://db/prod
            user: migrator
            password: ${STAGE_PASSWORD}
        """,
            Map.of("STAGE_PASSWORD", "s3cret"));
    assertThat(config.getStages().get("Production").password()).isEqualTo("s3cret");
    assertThat(config.getStages().get("Production").toString()).doesNotContain("s3cret");
  }

  @Test
  void unknownKeyIsNamed() {
    assertThatThrownBy(
            () ->
                parse(
                    """
        environments:
          O11:
            url: jdbc:sqlserver://db
            timezone: UTC
        """,
                    Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("environments.O11.timezone")
        .hasMessageContaining("timeZone");
  }

  @Test
  void missingUrlIsNamed() {
    assertThatThrownBy(
            () ->
                parse(
                    """
        stages:
          Production:
            user: migrator
        """,
                    Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("stages[Production].url")
        .hasMessageContaining("must not be blank");
  }

  @Test
  void anEnvironmentThatWouldStopItsOwnLoginIsRefused() {
    assertThatThrownBy(
            () ->
                parse(
                    """
        environments:
          Production:
            url: jdbc:sqlserver://db
            user: OSRuntime
            control:
              type: database
              logins: [OSAdmin, osruntime]
        """,
                    Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("environments[Production]")
        .hasMessageContaining("control.logins")
        .hasMessageContaining("a login of its own");
  }

  @Test
  void outOfRangeValueIsNamed() {
    assertThatThrownBy(
            () ->
                parse(
                    """
        migration:
          batchSize: -5
        """,
                    Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("migration.batchSize");
  }

  @Test
  void explicitZeroIsRefusedNotReplacedByTheDefault() {
    assertThatThrownBy(
            () ->
                parse(
                    """
        migration:
          batchSize: 0
        """,
                    Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("migration.batchSize")
        .hasMessageContaining("greater than or equal to 1");
    assertThatThrownBy(
            () ->
                parse(
                    """
        migration:
          parallelEntities: 0
          splitRows: 0
        """,
                    Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("migration.parallelEntities")
        .hasMessageContaining("migration.splitRows");
  }

  @Test
  void absentMigrationKeysTakeTheDefaults() throws Exception {
    MigrationOptions defaults = MigrationOptions.defaults();
    MigrationOptions options =
        parse(
                """
        migration:
          batchSize: 20000
        """,
                Map.of())
            .getMigration()
            .toOptions();
    assertThat(options.batchSize()).isEqualTo(20_000);
    assertThat(options.parallelApps()).isEqualTo(defaults.parallelApps());
    assertThat(options.parallelEntities()).isEqualTo(defaults.parallelEntities());
    assertThat(options.splitRows()).isEqualTo(defaults.splitRows());
    assertThat(options.heartbeatTimeout()).isEqualTo(defaults.heartbeatTimeout());
  }

  @Test
  void authTokensAreHashesOrValuesFromTheEnvironment() throws Exception {
    OdcMigrateConfiguration config =
        parse(
            """
        auth:
          tokens:
            - name: dashboard
              role: viewer
              token: sha256:8d969eef6ecad3c29a3a629280e686cf0c3f5d5a86aff3ca12020c923adc6c92
            - name: release-pipeline
              role: operator
              token: ${ODC_MIGRATE_OPERATOR_TOKEN}
        """,
            Map.of("ODC_MIGRATE_OPERATOR_TOKEN", "a-long-random-operator-token"));
    assertThat(config.getAuth().isEnabled()).isTrue();
    assertThat(config.getAuth().tokens())
        .extracting(TokenConfig::role)
        .containsExactly("viewer", "operator");
    assertThat(config.getAuth().tokens().get(1).toString())
        .doesNotContain("a-long-random-operator-token");
    assertThat(parse("server: {}\n", Map.of()).getAuth().isEnabled())
        .as("no auth section: open API")
        .isFalse();
    assertThat(parse("auth: {enabled: false}\n", Map.of()).getAuth().isEnabled()).isFalse();
  }

  @Test
  void weakOrMistypedAuthIsRefusedAtStart() {
    assertThatThrownBy(
            () ->
                parse(
                    """
        auth:
          tokens: [{name: ci, role: viewer, token: short}]
        """,
                    Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("auth.tokens[0].tokenWellFormed")
        .hasMessageContaining("at least 16 characters");
    assertThatThrownBy(
            () ->
                parse(
                    """
        auth:
          tokens: [{name: ci, role: admin, token: sha256:00}]
        """,
                    Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("must be viewer or operator")
        .hasMessageContaining("sha256:<64 hex digits>");
    assertThatThrownBy(() -> parse("auth: {enabled: true}\n", Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("needs at least one token");
  }

  @Test
  void logsAndRequestLogsCanBeJson() throws Exception {
    OdcMigrateConfiguration config =
        parse(
            """
        server:
          requestLog:
            appenders:
              - type: console
                layout: {type: access-json}
        logging:
          level: INFO
          appenders:
            - type: console
              layout: {type: json, timestampFormat: "yyyy-MM-dd'T'HH:mm:ss.SSSX"}
        """,
            Map.of());
    assertThat(config.getLoggingFactory()).isNotNull();
    assertThat(config.getServerFactory()).isNotNull();
  }

  @Test
  void workerAdminPortIsOnByDefaultAndCanMoveOrBeTurnedOff() throws Exception {
    WorkerConfig.AdminPort defaults = parse("server: {}\n", Map.of()).getWorker().admin();
    assertThat(defaults.enabled()).isTrue();
    assertThat(defaults.port()).isEqualTo(WorkerConfig.DEFAULT_ADMIN_PORT).isEqualTo(8082);
    assertThat(defaults.bindHost()).isNull();

    WorkerConfig.AdminPort moved =
        parse(
                """
        worker:
          admin:
            port: ${WORKER_ADMIN_PORT}
            bindHost: 127.0.0.1
        """,
                Map.of("WORKER_ADMIN_PORT", "9102"))
            .getWorker()
            .admin();
    assertThat(moved.enabled()).isTrue();
    assertThat(moved.port()).isEqualTo(9102);
    assertThat(moved.bindHost()).isEqualTo("127.0.0.1");

    assertThat(parse("worker: {admin: {enabled: false}}\n", Map.of()).getWorker().admin().enabled())
        .isFalse();
    assertThat(parse("worker: {}\n", Map.of()).getWorker().admin().port()).isEqualTo(8082);
  }

  @Test
  void workerAdminMistakesAreNamed() {
    assertThatThrownBy(() -> parse("worker: {admin: {prot: 9102}}\n", Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("worker.admin.prot")
        .hasMessageContaining("port");
    assertThatThrownBy(() -> parse("worker: {adminPort: 9102}\n", Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("worker.adminPort");
    assertThatThrownBy(() -> parse("worker: {admin: {port: 70000}}\n", Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("worker.admin.port");
  }
}
