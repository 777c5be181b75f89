package org.odcmigrate.app;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.config.StageConfig;
import org.odcmigrate.config.UnknownNameException;
import org.odcmigrate.o11.O11Metadata;
import org.odcmigrate.odc.ModelConverter;

/**
 * {@code convert config.yml --environment E --stage S [--module M ...]}: the stand-in for ODC code
 * migration; writes the stage catalog and the apps' tables from the O11 modules' metadata.
 */
final class ConvertCommand extends ConfiguredCommand<OdcMigrateConfiguration> {

  static final int OK = 0;
  static final int BAD_INPUT = 2;

  ConvertCommand() {
    super(
        "convert",
        "Converts O11 modules into stage apps (catalog, schemas, tables); replaces apps converted before");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser
        .addArgument("--environment")
        .required(true)
        .help("the O11 environment to read the modules from");
    subparser.addArgument("--stage").required(true).help("the ODC stage to write the apps into");
    subparser
        .addArgument("--module")
        .action(Arguments.append())
        .help("a module to convert (default: all application modules)");
  }

  @Override
  protected void run(
      Bootstrap<OdcMigrateConfiguration> bootstrap,
      Namespace namespace,
      OdcMigrateConfiguration config)
      throws Exception {
    String environmentName = namespace.getString("environment");
    String stageName = namespace.getString("stage");
    EnvironmentConfig environment = config.getEnvironments().get(environmentName);
    if (environment == null) {
      throw new UnknownNameException(
          "environment", environmentName, config.getEnvironments().keySet());
    }
    StageConfig stage = config.getStages().get(stageName);
    if (stage == null) {
      throw new UnknownNameException("stage", stageName, config.getStages().keySet());
    }
    int status =
        convert(environment, stage, stageName, namespace.getList("module"), System.out, System.err);
    if (status != OK) {
      System.exit(status);
    }
  }

  /**
   * Converts the modules; returns the exit status: 0, or 2 when the modules cannot be converted as
   * they are (an unknown module, names that would meet in the stage), said in one line on err.
   */
  static int convert(
      EnvironmentConfig environment,
      StageConfig stage,
      String stageName,
      List<String> modules,
      PrintStream out,
      PrintStream err)
      throws SQLException {
    try (Connection source =
            DriverManager.getConnection(
                environment.url(), environment.user(), environment.password());
        Connection target =
            DriverManager.getConnection(stage.url(), stage.user(), stage.password())) {
      List<String> converted =
          new ModelConverter(O11Metadata.read(source)).convert(modules, source, target);
      out.println("Converted into stage " + stageName + ": " + String.join(", ", converted));
      return OK;
    } catch (IllegalArgumentException e) {
      err.println("convert refused: " + e.getMessage());
      return BAD_INPUT;
    }
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    UserErrors.print(cli, e);
  }
}
