package org.odcmigrate.app;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import org.odcmigrate.config.ControlConfig;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.config.MigrationDefaults;
import org.odcmigrate.config.StageConfig;
import org.odcmigrate.config.TemporalConfig;

/** The bundled dev.yml, on free ports and a fresh sample database, so tests run side by side. */
final class TestDevConfiguration {

  private TestDevConfiguration() {}

  static OdcMigrateConfiguration create(int rowsPerEntity) throws Exception {
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
    int postgres = freePort();
    int temporal = freePort();
    DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
    ((HttpConnectorFactory) server.getApplicationConnectors().get(0)).setPort(0);
    ((HttpConnectorFactory) server.getAdminConnectors().get(0)).setPort(0);

    TemporalConfig t = config.getTemporal();
    config.setTemporal(
        new TemporalConfig(
            "localhost:" + temporal,
            t.namespace(),
            t.taskQueue(),
            t.stickyScheduleToStartSeconds(),
            t.maxConcurrentActivities()));
    EnvironmentConfig sample = config.getEnvironments().get("O11-Sample");
    config.setEnvironments(
        Map.of(
            "O11-Sample",
            new EnvironmentConfig(
                sample.url().replace("o11-sample", "o11-" + UUID.randomUUID()),
                sample.user(),
                sample.password(),
                sample.timeZone(),
                sample.maxConnections(),
                sample.control(),
                sample.snapshotReads())));
    StageConfig stage = config.getStages().get("Development");
    config.setStages(
        Map.of(
            "Development",
            new StageConfig(
                "jdbc:postgresql://localhost:" + postgres + "/postgres",
                stage.user(),
                stage.password(),
                stage.maxConnections(),
                stage.control(),
                stage.production())));
    DevConfig dev = config.getDev();
    config.setDev(
        new DevConfig(
            temporal,
            postgres,
            new DevConfig.SampleConfig(
                dev.sample().environment(),
                dev.sample().stage(),
                rowsPerEntity,
                dev.sample().seed())));
    return config;
  }

  /**
   * The dev configuration with the stage's apps undeployed and redeployed through its database, and
   * a copy slow enough (batches of 50 rows, one app and one entity at a time) to act in its middle.
   */
  static OdcMigrateConfiguration slowCopyWithDatabaseControl(int rowsPerEntity) throws Exception {
    OdcMigrateConfiguration config = create(rowsPerEntity);
    StageConfig stage = config.getStages().get("Development");
    config.setStages(
        Map.of(
            "Development",
            new StageConfig(
                stage.url(),
                stage.user(),
                stage.password(),
                stage.maxConnections(),
                new ControlConfig(ControlConfig.Type.DATABASE, null, null, null, null, null, 0),
                false)));
    config.setMigration(new MigrationDefaults(1, 1, 50, 1_000_000L, 10));
    return config;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
