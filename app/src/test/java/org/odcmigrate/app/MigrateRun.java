package org.odcmigrate.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.Namespace;

/** Runs {@code migrate ...} as the jar would parse it, with its output captured and no terminal. */
final class MigrateRun {

  private MigrateRun() {}

  static int migrate(Map<String, String> environment, ByteArrayOutputStream out, String... args)
      throws Exception {
    MigrateCommand command = new MigrateCommand(environment, Duration.ofMillis(100));
    ArgumentParser parser = ArgumentParsers.newFor("odc-migrate").build();
    command.configure(parser.addSubparsers().addParser("migrate"));
    String[] line = new String[args.length + 1];
    line[0] = "migrate";
    System.arraycopy(args, 0, line, 1, args.length);
    Namespace namespace = parser.parseArgs(line);
    return command.execute(
        namespace, new PrintStream(out, true, StandardCharsets.UTF_8), false, ApiHttp.JSON);
  }
}
