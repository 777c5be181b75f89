package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

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

  private JarRun seed(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("seed"));
    command.addAll(List.of(args));
    return JarRun.of(dir, command);
  }

  @Test
  void aUrlWithoutADatabaseIsRefusedInOneLine() throws Exception {
    JarRun run = seed("jdbc:sqlserver://localhost:1;encrypt=false", "sa", "secret", "10");
    assertThat(run.exit()).isEqualTo(UserErrors.BAD_INPUT);
    assertThat(run.err().strip())
        .isEqualTo(
            "odc-migrate: the JDBC URL names no database (add ;databaseName=...):"
                + " jdbc:sqlserver://localhost:1;encrypt=false");
  }

  @Test
  void rowsMustBeAPositiveNumber() throws Exception {
    JarRun words = seed("jdbc:sqlserver://db;databaseName=o11", "sa", "secret", "many");
    assertThat(words.exit()).isEqualTo(UserErrors.BAD_INPUT);
    assertThat(words.err()).contains("rows").contains("many");
    JarRun zero = seed("jdbc:sqlserver://db;databaseName=o11", "sa", "secret", "0");
    assertThat(zero.exit()).isEqualTo(UserErrors.BAD_INPUT);
    assertThat(zero.err().strip()).isEqualTo("odc-migrate: rows must be at least 1, was 0");
  }
}
