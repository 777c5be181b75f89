package org.odcmigrate.app;

import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;

/**
 * {@code dev [config.yml]}: the whole product in one JVM on embedded defaults (the bundled {@code
 * dev.yml}), or on the databases a given configuration names.
 */
class DevCommand extends ServerCommand<OdcMigrateConfiguration> {

  static final String BUNDLED_CONFIGURATION = "dev.yml";

  DevCommand(Application<OdcMigrateConfiguration> application) {
    this(
        application,
        "dev",
        "Runs Temporal, PostgreSQL, a sample O11 environment, a worker and the API in one JVM");
  }

  protected DevCommand(
      Application<OdcMigrateConfiguration> application, String name, String description) {
    super(application, name, description);
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
    if (namespace.getString("file") == null) {
      Map<String, Object> attributes = new HashMap<>(namespace.getAttrs());
      attributes.put("file", BUNDLED_CONFIGURATION);
      namespace = new Namespace(attributes);
    }
    super.run(bootstrap, namespace);
  }

  @Override
  protected void run(Environment environment, Namespace namespace, OdcMigrateConfiguration config)
      throws Exception {
    // Started with the server, before its connectors open; stopped after they close.
    environment.lifecycle().manage(new DevStack(config, environment.metrics()));
    environment
        .lifecycle()
        .addServerLifecycleListener(
            server ->
                System.out.printf(
                    "%nodc-migrate is ready: open %s in a browser (the REST API is under %sapi/)%n",
                    pageUrl(server), pageUrl(server)));
    super.run(environment, namespace, config);
  }

  /** The web page, on the application port (the server's first connector). */
  static URI pageUrl(Server server) {
    int port =
        server.getConnectors().length > 0 && server.getConnectors()[0] instanceof NetworkConnector c
            ? c.getLocalPort()
            : 8080;
    return URI.create("http://localhost:" + port + "/");
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    UserErrors.print(cli, e);
  }
}
