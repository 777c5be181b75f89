package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The fault tests' processes: the standalone Temporal test server, workers and the API in JVMs of
 * their own, as in production, so that a kill is a real kill; and the stage's committed rows to
 * time a fault into the middle of the copy.
 */
final class FaultStack implements AutoCloseable {

  private final List<Process> processes = new ArrayList<>();
  private final Path work;

  FaultStack(Path work) {
    this.work = work;
  }

  /** The Temporal test server on a free port, once it accepts connections. */
  int startTemporal() throws IOException, InterruptedException {
    int port = freePort();
    java("temporal.log", "io.temporal.testserver.TestServer", String.valueOf(port));
    awaitPort(port);
    return port;
  }

  Process startWorker(Path config, int generation) throws IOException {
    return java(
        "worker-" + generation + ".log",
        OdcMigrateApplication.class.getName(),
        "worker",
        config.toString());
  }

  /** The REST API in a JVM of its own, serving the port its configuration names. */
  Process startApi(Path config, int generation) throws IOException {
    return java(
        "api-" + generation + ".log",
        OdcMigrateApplication.class.getName(),
        "api",
        config.toString());
  }

  private Process java(String log, String mainClass, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve(log).toFile())
            .start();
    processes.add(process);
    return process;
  }

  /**
   * Rows committed so far by all range copies, from their checkpoints; 0 while the stage is down.
   */
  static long committedRows(String stageUrl) {
    try (Connection stage = DriverManager.getConnection(stageUrl, "postgres", "postgres");
        ResultSet rs =
            stage
                .createStatement()
                .executeQuery(
                    "SELECT coalesce(sum(rows_written), 0) FROM odc_catalog.copy_checkpoint")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      return 0; // the catalog's tables are created by the first activity
    }
  }

  static void awaitCommitsBeyond(String stageUrl, long committed) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (committedRows(stageUrl) <= committed) {
      assertThat(System.nanoTime()).as("no batch committed for 90 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  static void awaitPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try (Socket ignored = new Socket("localhost", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("nothing opened port " + port);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    processes.forEach(Process::destroyForcibly);
  }
}
