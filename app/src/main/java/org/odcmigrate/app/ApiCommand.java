package org.odcmigrate.app;

import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import net.sourceforge.argparse4j.inf.Namespace;

/** {@code api config.yml}: the REST API, a client of Temporal; migrations run on workers. */
final class ApiCommand extends ServerCommand<OdcMigrateConfiguration> {

  ApiCommand(Application<OdcMigrateConfiguration> application) {
    super(application, "api", "Runs the REST API (start and follow migrations)");
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    UserErrors.print(cli, e);
  }
}
