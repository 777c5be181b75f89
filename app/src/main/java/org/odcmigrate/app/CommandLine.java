package org.odcmigrate.app;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.ArgumentParserException;

/**
 * Runs the command its arguments name. Arguments that cannot be parsed answer one line, what to fix
 * and where the command's help is, instead of the usage screen Dropwizard's {@link Cli} prints.
 */
final class CommandLine {

  private CommandLine() {}

  /** The command's failure, if it failed; its one line is printed on {@code stderr}. */
  static Optional<Throwable> run(
      Bootstrap<?> bootstrap, PrintStream stdout, PrintStream stderr, String... arguments) {
    JarLocation jar = new JarLocation(OdcMigrateApplication.class);
    // Held back until the command ends: only a failure's one line is written there.
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    Optional<Throwable> failure = new Cli(jar, bootstrap, stdout, errors).run(arguments);
    if (failure.isPresent() && failure.get() instanceof ArgumentParserException bad) {
      stderr.println("odc-migrate: " + oneLine(bad, "java -jar " + jar));
    } else {
      stderr.print(errors.toString(StandardCharsets.UTF_8));
    }
    stderr.flush();
    return failure;
  }

  /** {@code missing argument --environment; see 'odc-migrate check --help'}. */
  static String oneLine(ArgumentParserException bad, String program) {
    String message =
        bad.getMessage()
            .replaceAll("^argument (\\S+) is required$", "missing argument $1")
            .replace("too few arguments", "missing arguments");
    return message
        + "; see 'odc-migrate"
        + command(bad.getParser().formatUsage(), program)
        + " --help'";
  }

  /** The command words of a usage line: {@code usage: PROGRAM migrate watch [-h] ... id}. */
  private static String command(String usage, String program) {
    String rest = usage.strip().replaceFirst("^usage: ", "");
    rest = rest.startsWith(program) ? rest.substring(program.length()) : "";
    StringBuilder words = new StringBuilder();
    for (String word : rest.strip().split("\\s+")) {
      if (word.isEmpty() || word.startsWith("[") || word.startsWith("{") || word.startsWith("-")) {
        break;
      }
      words.append(' ').append(word);
    }
    return words.toString();
  }
}
