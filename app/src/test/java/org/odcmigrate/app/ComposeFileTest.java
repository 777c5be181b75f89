package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;
import org.odcmigrate.config.ControlConfig;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.config.StageConfig;
import org.odcmigrate.config.TemporalConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker/compose.yaml and docker/config.yml, checked where no Docker runs: the stack's services and
 * their order, workers that scale, secrets from the environment, and a configuration file the
 * product accepts. {@code docker compose config} checks the syntax where Docker exists (.ci/run).
 *
 * <p>Tests files rather than a class: named for the compose file.
 */
class ComposeFileTest {

  /**
   * A ${VARIABLE} or ${VARIABLE:-local default} reference, which compose fills from the
   * environment.
   */
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{[A-Z][A-Z0-9_]*(:-[^}]*)?}");

  private static final Pattern SECRET_KEY =
      Pattern.compile(".*(PASSWORD|PWD|SECRET|TOKEN|API_KEY).*");
  private static final Pattern EXACT_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");

  private static Path docker() {
    // Surefire runs in the module's directory; the repository root is above it.
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docker/compose.yaml"))) {
        return dir.resolve("docker");
      }
    }
    throw new IllegalStateException(
        "docker/compose.yaml not found above " + Path.of("").toAbsolutePath());
  }

  /**
   * SnakeYAML (Dropwizard's YAML parser) resolves the file's anchors and merge keys as compose
   * does.
   */
  private static Map<String, Object> compose() throws IOException {
    try (Reader reader = Files.newBufferedReader(docker().resolve("compose.yaml"))) {
      return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
    }
  }

  private static Map<String, Object> service(String name) throws IOException {
    Map<String, Object> services = map(compose().get("services"));
    assertThat(services).as("services").containsKey(name);
    return map(services.get(name));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    assertThat(value).isInstanceOf(List.class);
    return (List<Object>) value;
  }

  @Test
  void theStackHasEveryService() throws IOException {
    assertThat(map(compose().get("services")))
        .containsKeys(
            "temporal-db",
            "temporal-schema",
            "temporal",
            "temporal-admin-tools",
            "temporal-ui",
            "stage-db",
            "sqlserver",
            "seed",
            "convert",
            "api",
            "worker");
    assertThat(String.valueOf(service("temporal-ui").get("ports"))).contains("8088:8080");
    assertThat(service("sqlserver").get("image"))
        .isEqualTo("mcr.microsoft.com/mssql/server:2022-latest");
    assertThat(map(service("sqlserver").get("environment"))).containsEntry("ACCEPT_EULA", "Y");
    assertThat(service("stage-db").get("image")).isEqualTo("postgres:16");
  }

  @Test
  void temporalImagesArePinnedToOneRelease() throws IOException {
    String server = (String) service("temporal").get("image");
    String tools = (String) service("temporal-admin-tools").get("image");
    assertThat(server).startsWith("temporalio/server:");
    assertThat(tools).startsWith("temporalio/admin-tools:");
    assertThat(service("temporal-schema").get("image")).isEqualTo(tools);
    String version = server.substring(server.indexOf(':') + 1);
    assertThat(version).matches(EXACT_VERSION);
    assertThat(tools).endsWith(":" + version);
    String ui = (String) service("temporal-ui").get("image");
    assertThat(ui.substring(ui.indexOf(':') + 1)).matches(EXACT_VERSION);
  }

  @Test
  void workersScaleOnOneTaskQueue() throws IOException {
    Map<String, Object> worker = service("worker");
    assertThat(worker).doesNotContainKeys("container_name", "ports", "scale");
    assertThat(list(worker.get("command"))).containsExactly("worker", "/config/config.yml");
    // Scaled workers publish no host port; each answers its health check on its own admin port.
    assertThat(list(worker.get("expose"))).containsExactly("8082");
    assertThat(String.valueOf(map(worker.get("healthcheck")).get("test")))
        .contains("http://localhost:8082/healthcheck");
  }

  @Test
  void oneCommandStartsEverythingInOrder() throws IOException {
    assertThat(dependencies("temporal-schema"))
        .containsExactly(Map.entry("temporal-db", "service_healthy"));
    assertThat(dependencies("temporal"))
        .containsExactly(Map.entry("temporal-schema", "service_completed_successfully"));
    assertThat(dependencies("temporal-admin-tools"))
        .containsExactly(Map.entry("temporal", "service_healthy"));
    assertThat(dependencies("temporal-ui"))
        .containsExactly(Map.entry("temporal", "service_healthy"));
    assertThat(dependencies("seed")).containsExactly(Map.entry("sqlserver", "service_healthy"));
    assertThat(dependencies("convert"))
        .containsOnly(
            Map.entry("seed", "service_completed_successfully"),
            Map.entry("stage-db", "service_healthy"));
    for (String service : List.of("api", "worker")) {
      assertThat(dependencies(service))
          .as(service)
          .containsOnly(
              Map.entry("convert", "service_completed_successfully"),
              Map.entry("temporal-admin-tools", "service_healthy"));
    }
    // Whatever is waited for as healthy says how it is healthy.
    for (Map.Entry<String, Object> entry : map(compose().get("services")).entrySet()) {
      for (Map.Entry<String, String> dependency : dependencies(entry.getKey()).entrySet()) {
        if (dependency.getValue().equals("service_healthy")) {
          assertThat(map(service(dependency.getKey()).get("healthcheck")))
              .as("healthcheck of %s", dependency.getKey())
              .containsKey("test");
        }
      }
    }
  }

  private static Map<String, String> dependencies(String service) throws IOException {
    Object dependsOn = service(service).get("depends_on");
    if (dependsOn == null) {
      return Map.of();
    }
    Map<String, String> conditions = new java.util.LinkedHashMap<>();
    map(dependsOn)
        .forEach((name, spec) -> conditions.put(name, (String) map(spec).get("condition")));
    return conditions;
  }

  @Test
  void theProductsContainersShareTheImageAndTheConfigurationFile() throws IOException {
    for (String name : List.of("seed", "convert", "api", "worker")) {
      Map<String, Object> service = service(name);
      assertThat(service.get("image")).as(name).isEqualTo("odc-migrate:local");
      assertThat(map(service.get("build")))
          .as(name)
          .containsEntry("context", "..")
          .containsEntry("dockerfile", "docker/Dockerfile");
      assertThat(list(service.get("volumes")))
          .as(name)
          .contains("./config.yml:/config/config.yml:ro");
      assertThat(map(service.get("environment")))
          .as(name)
          .containsKeys("MSSQL_SA_PASSWORD", "STAGE_PASSWORD");
    }
    assertThat(String.valueOf(service("seed").get("entrypoint")))
        .contains("exec java -jar /app/odc-migrate.jar seed")
        .doesNotContain("-cp");
    assertThat(list(service("convert").get("command")))
        .containsExactly(
            "convert",
            "/config/config.yml",
            "--environment",
            "O11-Sample",
            "--stage",
            "Development");
    assertThat(list(service("api").get("command"))).containsExactly("api", "/config/config.yml");
    assertThat(Files.readString(docker().resolve("Dockerfile")))
        .contains("app/target/odc-migrate.jar /app/odc-migrate.jar");
  }

  @Test
  void theImageBuildsFromEveryModuleOfTheParentPom() throws IOException {
    String parent = Files.readString(docker().resolveSibling("pom.xml"));
    String dockerfile = Files.readString(docker().resolve("Dockerfile"));
    java.util.regex.Matcher module =
        java.util.regex.Pattern.compile("<module>([^<]+)</module>").matcher(parent);
    int modules = 0;
    while (module.find()) {
      modules++;
      assertThat(dockerfile)
          .as("module %s", module.group(1))
          .contains("COPY " + module.group(1) + "/pom.xml " + module.group(1) + "/");
    }
    assertThat(modules).isGreaterThanOrEqualTo(7);
    assertThat(dockerfile).contains("COPY sample/src sample/src", "-pl app -am package");
  }

  @Test
  void secretsComeFromTheEnvironment() throws IOException {
    for (Map.Entry<String, Object> entry : map(compose().get("services")).entrySet()) {
      Object environment = map(entry.getValue()).get("environment");
      if (environment == null) {
        continue;
      }
      map(environment)
          .forEach(
              (key, value) -> {
                if (SECRET_KEY.matcher(key).matches()) {
                  assertThat(String.valueOf(value))
                      .as("%s of service %s", key, entry.getKey())
                      .matches(VARIABLE);
                }
              });
    }
    // The seed hands the password over inside the container, from its environment.
    String seed = String.valueOf(service("seed").get("entrypoint"));
    assertThat(seed).contains("\"$$MSSQL_SA_PASSWORD\"").doesNotContain("Passw0rd");
    String config = Files.readString(docker().resolve("config.yml"));
    assertThat(config).contains("password: ${MSSQL_SA_PASSWORD}", "password: ${STAGE_PASSWORD}");
  }

  @Test
  void theConfigurationFileIsOneTheProductAccepts() throws Exception {
    OdcMigrateConfiguration config =
        parse(
            Files.readString(docker().resolve("config.yml")),
            Map.of("MSSQL_SA_PASSWORD", "sa-secret", "STAGE_PASSWORD", "stage-secret"));

    TemporalConfig temporal = config.getTemporal();
    assertThat(temporal.target()).isEqualTo("temporal:7233");
    assertThat(temporal.namespace()).isEqualTo("default");
    assertThat(temporal.stickyScheduleToStartSeconds()).isPositive();
    assertThat(temporal.tlsEnabled()).isFalse();
    assertThat(temporal.maxConcurrentActivities())
        .isLessThanOrEqualTo(config.getEnvironments().get("O11-Sample").maxConnections());

    EnvironmentConfig environment = config.getEnvironments().get("O11-Sample");
    assertThat(environment.password()).isEqualTo("sa-secret");
    assertThat(environment.snapshotReads()).isTrue();
    assertThat(environment.control().type()).isEqualTo(ControlConfig.Type.DATABASE);
    assertThat(environment.control().logins()).containsExactly("OSRUNTIME", "OSUSER");

    StageConfig stage = config.getStages().get("Development");
    assertThat(stage.password()).isEqualTo("stage-secret");
    assertThat(stage.control().type()).isEqualTo(ControlConfig.Type.DATABASE);

    // The file and the stack agree: the seeded database, the stage's database, the API's ports.
    assertThat(map(service("seed").get("environment")).get("O11_URL")).isEqualTo(environment.url());
    assertThat(stage.url())
        .isEqualTo(
            "jdbc:postgresql://stage-db:5432/"
                + map(service("stage-db").get("environment")).get("POSTGRES_DB"));
    assertThat(list(service("api").get("ports")))
        .containsExactly("127.0.0.1:8080:8080", "127.0.0.1:8081:8081");
    assertThat(config.getWorker().admin().port()).isEqualTo(8082);
    assertThat(config.getWorker().admin().enabled()).isTrue();
    assertThat(Files.readString(docker().resolve("Dockerfile")))
        .contains("localhost:8081/healthcheck");
  }

  private static OdcMigrateConfiguration parse(String yaml, Map<String, String> environment)
      throws Exception {
    ConfigurationSourceProvider text =
        path -> new ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    StringSubstitutor substitutor = new EnvironmentVariableSubstitutor(false);
    substitutor.setVariableResolver(environment::get);
    return new YamlConfigurationFactory<>(
            OdcMigrateConfiguration.class,
            Validators.newValidator(),
            OdcMigrateApplication.configure(Jackson.newObjectMapper()),
            "dw")
        .build(new SubstitutingSourceProvider(text, substitutor), "docker/config.yml");
  }
}
