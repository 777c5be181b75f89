package org.odcmigrate.app;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.util.Set;
import org.odcmigrate.api.auth.ApiAuth;
import org.odcmigrate.api.core.CheckService;
import org.odcmigrate.api.core.EnvironmentService;
import org.odcmigrate.api.core.MigrationCore;
import org.odcmigrate.api.core.StageApps;
import org.odcmigrate.api.health.Operations;
import org.odcmigrate.api.problem.BodySizeLimit;
import org.odcmigrate.api.problem.ProblemErrorHandler;
import org.odcmigrate.api.problem.ProblemMappers;
import org.odcmigrate.api.problem.Utf8Only;
import org.odcmigrate.api.resources.EnvironmentResource;
import org.odcmigrate.api.resources.MigrationResource;
import org.odcmigrate.api.resources.OpenApiResource;
import org.odcmigrate.api.resources.StageResource;
import org.odcmigrate.api.web.WebPage;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.TemporalConnection;

/**
 * The single runnable jar: {@code api}, {@code worker}, {@code dev}, {@code demo}, {@code convert},
 * {@code migrate}, {@code check}.
 */
public class OdcMigrateApplication extends Application<OdcMigrateConfiguration> {

  private static final int MAX_JSON_DEPTH = 64;

  public static void main(String[] args) throws Exception {
    new OdcMigrateApplication().run(args);
  }

  @Override
  public String getName() {
    return "odc-migrate";
  }

  /** As Dropwizard runs a command, but bad arguments answer one line (see {@link CommandLine}). */
  @Override
  public void run(String... arguments) throws Exception {
    Bootstrap<OdcMigrateConfiguration> bootstrap = new Bootstrap<>(this);
    addDefaultCommands(bootstrap);
    initialize(bootstrap);
    bootstrap.registerMetrics();
    CommandLine.run(bootstrap, System.out, System.err, arguments).ifPresent(this::onFatalError);
  }

  /**
   * A command that failed has printed its one line (see {@link UserErrors}): bad input or a refused
   * operation.
   */
  @Override
  protected void onFatalError(Throwable t) {
    System.exit(UserErrors.BAD_INPUT);
  }

  @Override
  protected void addDefaultCommands(Bootstrap<OdcMigrateConfiguration> bootstrap) {
    // Our own command names replace Dropwizard's "server" and "check".
  }

  @Override
  public void initialize(Bootstrap<OdcMigrateConfiguration> bootstrap) {
    configure(bootstrap.getObjectMapper());
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            new FileOrClasspathSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    bootstrap.addCommand(new ApiCommand(this));
    bootstrap.addCommand(new WorkerCommand());
    bootstrap.addCommand(new DevCommand(this));
    bootstrap.addCommand(new DemoCommand(this));
    bootstrap.addCommand(new ConvertCommand());
    bootstrap.addCommand(new MigrateCommand());
    bootstrap.addCommand(new CheckCommand());
    bootstrap.addCommand(new SeedCommand());
  }

  /**
   * Strict JSON for configuration files and request bodies alike: an unknown key is an error that
   * names it, not a silently ignored typo, and so is a key given twice. Dates are ISO-8601 text.
   * Nesting is bounded: no body or configuration of ours is deeper than a few levels.
   */
  static ObjectMapper configure(ObjectMapper mapper) {
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build());
    return mapper
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  /**
   * Request bodies take JSON types as they are: {@code "true"} or {@code 1} is no boolean and
   * {@code 42} no name. Set after the configuration was read, where YAML's untyped scalars (a
   * numeric password, say) must still become text.
   */
  static void strictRequestTypes(ObjectMapper mapper) {
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
  }

  /** The REST API and its web page: what {@code api}, {@code dev} and {@code demo} serve. */
  @Override
  public void run(OdcMigrateConfiguration config, Environment environment) {
    if (config.getServerFactory() instanceof AbstractServerFactory server) {
      server.setRegisterDefaultExceptionMappers(false); // every error is problem JSON, ours
    }
    strictRequestTypes(environment.getObjectMapper());
    TemporalConnection temporal = TemporalConnection.open(config.getTemporal());
    Connections connections = config.connections();
    environment.lifecycle().manage(new Closing(temporal));
    environment.lifecycle().manage(new Closing(connections));

    MigrationCore migrations =
        MigrationCore.create(
            temporal.client(),
            config.getTemporal(),
            connections,
            config.getMigration(),
            Clock.systemUTC());
    ApiAuth.register(config.getAuth(), environment);
    environment.jersey().register(new BodySizeLimit(BodySizeLimit.DEFAULT_LIMIT));
    environment.jersey().register(new Utf8Only());
    environment
        .jersey()
        .register(
            new EnvironmentResource(
                config.getEnvironments(),
                new EnvironmentService(temporal.client(), config.getTemporal(), connections),
                new CheckService(connections, config.getMigration())));
    environment
        .jersey()
        .register(new StageResource(config.getStages(), new StageApps(connections)));
    environment
        .jersey()
        .register(
            new MigrationResource(
                migrations.starter(), migrations.finder(), migrations.controls()));
    environment
        .jersey()
        .register(
            OpenApiResource.describing(
                Set.of(EnvironmentResource.class, StageResource.class, MigrationResource.class),
                config.getAuth().isEnabled()));
    for (Object mapper : ProblemMappers.all()) {
      environment.jersey().register(mapper);
    }
    WebPage.register(environment);
    ProblemErrorHandler.install(environment);
    Operations.register(
        environment, temporal.service(), config.getTemporal().target(), connections, migrations);
  }
}
