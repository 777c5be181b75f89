package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The product's main classes stay under 300 lines, so that each stays one concern a newcomer can
 * read; the benchmark module is not product code and is left out.
 *
 * <p>Tests the source tree rather than a class: named for the rule it guards.
 */
class MainClassSizeTest {

  private static final int MAX_LINES = 300;

  private static final List<String> PRODUCT_MODULES =
      List.of("workflows", "activities", "worker", "api", "app", "sample");

  @Test
  void noMainClassOfTheProductExceedsThreeHundredLines() {
    Path root = root();
    Map<String, Long> tooLong = new TreeMap<>();
    int classes = 0;
    for (String module : PRODUCT_MODULES) {
      Path sources = root.resolve(module).resolve("src/main/java");
      assertThat(sources).as("module " + module).isDirectory();
      for (Path file : javaFiles(sources)) {
        classes++;
        long lines = lines(file);
        if (lines > MAX_LINES) {
          tooLong.put(root.relativize(file).toString().replace('\\', '/'), lines);
        }
      }
    }
    assertThat(classes).as("main classes found").isGreaterThan(100);
    assertThat(tooLong)
        .as("main classes over " + MAX_LINES + " lines: split each along what it does")
        .isEmpty();
  }

  private static Path root() {
    // Surefire runs in the module's directory; the repository root is the one with every module.
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir;
      if (PRODUCT_MODULES.stream().allMatch(m -> Files.isDirectory(candidate.resolve(m)))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "the product modules are not found above " + Path.of("").toAbsolutePath());
  }

  private static List<Path> javaFiles(Path sources) {
    try (Stream<Path> files = Files.walk(sources)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
