package org.odcmigrate.app;

import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Environment;
import java.net.URI;
import net.sourceforge.argparse4j.inf.Namespace;
import org.eclipse.jetty.server.NetworkConnector;
import org.odcmigrate.api.DevConfig;
import org.odcmigrate.api.OdcMigrateConfiguration;

/**
 * {@code demo}: {@code dev}, then one migration of the sample environment started through the
 * REST API, its progress printed as it runs; exits 0 only if the migration completed.
 */
final class DemoCommand extends DevCommand {

  DemoCommand(Application<OdcMigrateConfiguration> application) {
    super(application, "demo", "Runs dev, migrates the sample environment through the REST API, prints the result");
  }

  @Override
  protected void run(Environment environment, Namespace namespace, OdcMigrateConfiguration config) throws Exception {
    DevConfig.SampleConfig sample = config.getDev().sample();
    if (sample == null) {
      throw new IllegalArgumentException("demo needs dev.sample in the configuration: the environment and stage to migrate");
    }
    environment.lifecycle().addServerLifecycleListener(server -> {
      int port = server.getConnectors().length > 0 && server.getConnectors()[0] instanceof NetworkConnector c
          ? c.getLocalPort() : 8080;
      Thread demo = new Thread(() -> {
        int status = new DemoClient(URI.create("http://localhost:" + port), environment.getObjectMapper(), System.out)
            .migrate(sample.environment(), sample.stage());
        try {
          server.stop();
        } catch (Exception e) {
          // exiting anyway
        }
        System.exit(status);
      }, "demo");
      demo.start();
    });
    super.run(environment, namespace, config);
  }
}
