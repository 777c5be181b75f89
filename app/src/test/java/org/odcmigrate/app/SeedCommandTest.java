package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code seed} as the jar runs it, in a process of its own: bad input is one line and exit 2. The
 * seeding itself runs against a real SQL Server in the SQL Server suite.
 */
class SeedCommandTest {

  @TempDir Path dir;

  private record Run(int exit, String err) {}

  private Run seed(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                OdcMigrateApplication.class.getName(),
                "seed"));
    command.addAll(List.of(args));
    File err = dir.resolve("err.txt").toFile();
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(err)
            .start();
    return new Run(process.waitFor(), Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }

  @Test
  void aUrlWithoutADatabaseIsRefusedInOneLine() throws Exception {
    Run run = seed("jdbc:sqlserver://localhost:1;encrypt=false", "sa", "secret", "10");
    assertThat(run.exit()).isEqualTo(UserErrors.BAD_INPUT);
    assertThat(run.err().strip())
        .isEqualTo(
            "odc-migrate: the JDBC URL names no database (add ;databaseName=...):"
                + " jdbc:sqlserver://localhost:1;encrypt=false");
  }

  @Test
  void rowsMustBeAPositiveNumber() throws Exception {
    Run words = seed("jdbc:sqlserver://db;databaseName=o11", "sa", "secret", "many");
    assertThat(words.exit()).isEqualTo(UserErrors.BAD_INPUT);
    assertThat(words.err()).contains("rows").contains("many");
    Run zero = seed("jdbc:sqlserver://db;databaseName=o11", "sa", "secret", "0");
    assertThat(zero.exit()).isEqualTo(UserErrors.BAD_INPUT);
    assertThat(zero.err().strip()).isEqualTo("odc-migrate: rows must be at least 1, was 0");
  }
}
