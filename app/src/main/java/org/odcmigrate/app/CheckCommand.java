package org.odcmigrate.app;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.odcmigrate.api.core.CheckService;
import org.odcmigrate.config.Connections;
import org.odcmigrate.plan.CheckReport;

/**
 * {@code check config.yml --environment E [--stage S]}: a migration's whole preparation, changing
 * nothing. Exits 0 when a migration could start, 1 when it could not, 2 on bad input.
 */
final class CheckCommand extends ConfiguredCommand<OdcMigrateConfiguration> {

  static final int CAN_START = 0;
  static final int CANNOT_START = 1;

  CheckCommand() {
    super(
        "check",
        "Runs a migration's preparation without changing anything and lists what it finds");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--environment").required(true).help("the O11 environment to check");
    subparser
        .addArgument("--stage")
        .help("the ODC stage to check against (default: the only configured stage)");
  }

  @Override
  protected void run(
      Bootstrap<OdcMigrateConfiguration> bootstrap,
      Namespace namespace,
      OdcMigrateConfiguration config)
      throws Exception {
    int status =
        execute(
            config, namespace.getString("environment"), namespace.getString("stage"), System.out);
    if (status != CAN_START) {
      System.exit(status);
    }
  }

  /** Checks and prints the findings; returns the exit status (bad input throws). */
  static int execute(
      OdcMigrateConfiguration config, String environment, String stage, PrintStream out) {
    try (Connections connections = config.connections()) {
      CheckReport report =
          new CheckService(connections, config.getMigration(), true).check(environment, stage);
      CheckReportText.print(report, out);
      return report.canStart() ? CAN_START : CANNOT_START;
    }
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    UserErrors.print(cli, e);
  }
}
