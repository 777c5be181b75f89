package org.odcmigrate.app;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.odcmigrate.sample.SeedSqlServer;

/**
 * {@code seed <jdbc-url> <user> <password> <rows> [--recreate]}: puts the sample O11 environment
 * into a SQL Server, as the compose stack's seed service does.
 */
final class SeedCommand extends Command {

  SeedCommand() {
    super(
        "seed",
        "Seeds a SQL Server with the sample O11 environment and its runtime logins; a database"
            + " holding the sample already is left as it is");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("url").help("JDBC URL of the SQL Server, naming the database");
    subparser.addArgument("user").help("a login allowed to create databases and logins");
    subparser.addArgument("password").help("that login's password");
    subparser.addArgument("rows").type(Integer.class).help("rows per sample entity");
    subparser
        .addArgument("--recreate")
        .action(Arguments.storeTrue())
        .help("replaces a sample the database holds already");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
    int rows = namespace.getInt("rows");
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be at least 1, was " + rows);
    }
    SeedSqlServer.seed(
        namespace.getString("url"),
        namespace.getString("user"),
        namespace.getString("password"),
        rows,
        namespace.getBoolean("recreate"),
        System.getenv(SeedSqlServer.RUNTIME_PASSWORD_VARIABLE));
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    UserErrors.print(cli, e);
  }
}
