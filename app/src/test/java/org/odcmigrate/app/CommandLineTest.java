package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.setup.Bootstrap;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Arguments no command can parse, for every command: one line on stderr saying what to fix and
 * where the command's help is, and a failure (exit code 2), never the usage screen.
 */
class CommandLineTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          check config.yml                      | missing argument --environment; see 'odc-migrate check --help'
          check config.yml --environment        | argument --environment: expected one argument; see 'odc-migrate check --help'
          convert config.yml --environment O11  | missing argument --stage; see 'odc-migrate convert --help'
          api config.yml --port 80              | unrecognized arguments: '--port'; see 'odc-migrate api --help'
          worker config.yml extra               | unrecognized arguments: 'extra'; see 'odc-migrate worker --help'
          dev --bogus                           | unrecognized arguments: '--bogus'; see 'odc-migrate dev --help'
          demo --bogus                          | unrecognized arguments: '--bogus'; see 'odc-migrate demo --help'
          migrate                               | missing arguments; see 'odc-migrate migrate --help'
          migrate start --source O11            | missing argument --stage; see 'odc-migrate migrate start --help'
          migrate watch                         | missing arguments; see 'odc-migrate migrate watch --help'
          migrate list --limit many             | argument --limit: could not convert 'many' to integer (32 bits); see 'odc-migrate migrate list --help'
          migrate launch 1                      | invalid choice: 'launch'
          launch                                | invalid choice: 'launch'
          """)
  void badArgumentsAnswerOneLine(String arguments, String expected) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Bootstrap<OdcMigrateConfiguration> bootstrap = new Bootstrap<>(new OdcMigrateApplication());
    bootstrap.getApplication().initialize(bootstrap);

    Optional<Throwable> failure =
        CommandLine.run(
            bootstrap,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            arguments.isBlank() ? new String[0] : arguments.strip().split("\\s+"));

    String line = err.toString(StandardCharsets.UTF_8);
    assertThat(failure).as("a failure exits with code 2").isPresent();
    assertThat(line).startsWith("odc-migrate: ").contains(expected);
    assertThat(line.strip().lines()).as(line).hasSize(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).as("no usage screen").isEmpty();
  }
}
