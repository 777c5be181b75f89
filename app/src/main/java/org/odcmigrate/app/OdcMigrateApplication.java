package org.odcmigrate.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import org.odcmigrate.api.OdcMigrateConfiguration;
import org.odcmigrate.api.core.MigrationService;
import org.odcmigrate.api.problem.ProblemMappers;
import org.odcmigrate.api.resources.MigrationResource;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.TemporalConnection;

/** The single runnable jar: {@code api}, {@code worker}, {@code dev}, {@code demo}, {@code convert}. */
public class OdcMigrateApplication extends Application<OdcMigrateConfiguration> {

  public static void main(String[] args) throws Exception {
    new OdcMigrateApplication().run(args);
  }

  @Override
  public String getName() {
    return "odc-migrate";
  }

  @Override
  protected void addDefaultCommands(Bootstrap<OdcMigrateConfiguration> bootstrap) {
    // Our own command names replace Dropwizard's "server" and "check".
  }

  @Override
  public void initialize(Bootstrap<OdcMigrateConfiguration> bootstrap) {
    configure(bootstrap.getObjectMapper());
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(new FileOrClasspathSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    bootstrap.addCommand(new ApiCommand(this));
    bootstrap.addCommand(new WorkerCommand());
    bootstrap.addCommand(new DevCommand(this));
    bootstrap.addCommand(new DemoCommand(this));
    bootstrap.addCommand(new ConvertCommand());
  }

  /**
   * Strict JSON for configuration files and request bodies alike: an unknown key is an error that
   * names it, not a silently ignored typo. Dates are ISO-8601 text.
   */
  static ObjectMapper configure(ObjectMapper mapper) {
    return mapper
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  /** The REST API: what {@code api}, {@code dev} and {@code demo} serve. */
  @Override
  public void run(OdcMigrateConfiguration config, Environment environment) {
    if (config.getServerFactory() instanceof AbstractServerFactory server) {
      server.setRegisterDefaultExceptionMappers(false); // every error is problem JSON, ours
    }
    TemporalConnection temporal = TemporalConnection.open(config.getTemporal());
    Connections connections = config.connections();
    environment.lifecycle().manage(new Closing(temporal));
    environment.lifecycle().manage(new Closing(connections));

    MigrationService migrations = new MigrationService(
        temporal.client(), config.getTemporal(), connections, config.getMigration(), Clock.systemUTC());
    environment.jersey().register(new MigrationResource(migrations));
    for (Object mapper : ProblemMappers.all()) {
      environment.jersey().register(mapper);
    }
  }
}
