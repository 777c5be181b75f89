package org.odcmigrate.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Environment;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code demo}: {@code dev}, then one migration of the sample environment started through the REST
 * API, its progress printed as it runs; exits 0 only if the migration completed.
 */
final class DemoCommand extends DevCommand {

  DemoCommand(Application<OdcMigrateConfiguration> application) {
    super(
        application,
        "demo",
        "Runs dev, migrates the sample environment through the REST API, prints the result");
  }

  @Override
  protected void run(Environment environment, Namespace namespace, OdcMigrateConfiguration config)
      throws Exception {
    DevConfig.SampleConfig sample = config.getDev().sample();
    if (sample == null) {
      throw new IllegalArgumentException(
          "demo needs dev.sample in the configuration: the environment and stage to migrate");
    }
    environment
        .lifecycle()
        .addServerLifecycleListener(
            server -> {
              URI page = pageUrl(server);
              Thread demo =
                  new Thread(
                      () -> {
                        int status =
                            demo(
                                new ApiClient(page, null, environment.getObjectMapper()),
                                page,
                                sample.environment(),
                                sample.stage());
                        try {
                          server.stop();
                        } catch (Exception e) {
                          // exiting anyway
                        }
                        System.exit(status);
                      },
                      "demo");
              demo.start();
            });
    super.run(environment, namespace, config);
  }

  /** Migrates as a user of the portal would, printing what it shows; 0 only when it completed. */
  private static int demo(ApiClient api, URI page, String environment, String stage) {
    PrintStream out = System.out;
    try {
      out.printf(
          "%nStarting a data migration from O11 environment %s to ODC stage %s"
              + " (environment kept running, apps kept deployed)%n",
          environment, stage);
      String id = api.start(environment, stage, false, false, false, null).path("id").asText();
      out.println(
          "Migration " + id + " accepted; the web page shows it at " + page + "#/migrations/" + id);
      MigrationWatch watch = new MigrationWatch(api, out, false, Duration.ofMillis(500));
      JsonNode view = watch.follow(id);
      watch.printEntities(api.entities(id));
      watch.printOutcome(view);
      return MigrationWatch.completed(view) ? 0 : 1;
    } catch (ApiClient.ApiProblem e) {
      out.println("The API refused the migration (" + e.status() + "): " + e.getMessage());
      return 1;
    } catch (IOException | RuntimeException e) {
      out.println("The demo failed: " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}
