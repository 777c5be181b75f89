package org.odcmigrate.app;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One command of the jar run in a process of its own, as a user runs it: exit code and output. */
record JarRun(int exit, String out, String err) {

  /** Runs {@code odc-migrate <args>} on this test's class path; out and err are kept in dir. */
  static JarRun of(Path dir, List<String> args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                OdcMigrateApplication.class.getName()));
    command.addAll(args);
    File out = dir.resolve("out.txt").toFile();
    File err = dir.resolve("err.txt").toFile();
    int exit = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start().waitFor();
    return new JarRun(
        exit,
        Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }
}
