package org.odcmigrate.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.testserver.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.h2.tools.Server;
import org.odcmigrate.config.TemporalConfig;
import org.odcmigrate.config.TemporalConnection;

/**
 * What the measured worker talks to, all started by the harness as the dev stack starts them: the
 * Temporal test server on a port, an embedded PostgreSQL cluster (one database per scenario, the
 * ODC stage) and an H2 TCP server through which the worker reads the O11 environments, so that the
 * source sits behind a network connection as SQL Server does.
 */
final class Infrastructure implements AutoCloseable {

  static final String PG_USER = "postgres";
  static final String PG_PASSWORD = "postgres";

  private final Path workDir;
  private final Path pgData;
  private final EmbeddedPostgres postgres;
  private final Closeable temporalServer;
  private final int temporalPort;
  private final Server h2;
  private final TemporalConnection temporal;
  private final TemporalConfig temporalConfig;

  private Infrastructure(
      Path workDir,
      Path pgData,
      EmbeddedPostgres postgres,
      Closeable temporalServer,
      int temporalPort,
      Server h2,
      TemporalConfig temporalConfig) {
    this.workDir = workDir;
    this.pgData = pgData;
    this.postgres = postgres;
    this.temporalServer = temporalServer;
    this.temporalPort = temporalPort;
    this.h2 = h2;
    this.temporalConfig = temporalConfig;
    this.temporal = TemporalConnection.open(temporalConfig);
  }

  /**
   * Starts it all; with {@code durableStage} the stage flushes its WAL to disk (fsync on) and times
   * the flushes, while its default stays {@code synchronous_commit = off}, as on a stage tuned for
   * bulk loads: the product's own durable commits are then what waits for the disk.
   */
  static Infrastructure start(Path workDir, boolean durableStage) throws IOException, SQLException {
    Files.createDirectories(workDir);
    Path pgData = workDir.resolve("pgdata");
    deleteTree(pgData); // left behind by a run that was killed: initdb wants an empty directory
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(pgData)
            .setCleanDataDirectory(true)
            .setPort(freePort());
    if (durableStage) {
      builder
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("track_wal_io_timing", "on");
    }
    EmbeddedPostgres postgres = builder.start();
    int temporalPort = freePort();
    Closeable temporalServer = TestServer.createPortBoundServer(temporalPort);
    Server h2 = Server.createTcpServer("-tcpPort", Integer.toString(freePort())).start();
    // The product's defaults for everything but the target.
    TemporalConfig defaults = TemporalConfig.defaults();
    TemporalConfig config =
        new TemporalConfig(
            "127.0.0.1:" + temporalPort,
            defaults.namespace(),
            defaults.taskQueue(),
            defaults.stickyScheduleToStartSeconds(),
            defaults.maxConcurrentActivities());
    return new Infrastructure(workDir, pgData, postgres, temporalServer, temporalPort, h2, config);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  Path workDir() {
    return workDir;
  }

  TemporalConfig temporalConfig() {
    return temporalConfig;
  }

  WorkflowClient client() {
    return temporal.client();
  }

  int h2Port() {
    return h2.getPort();
  }

  int pgPort() {
    return postgres.getPort();
  }

  String stageUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
  }

  Connection stage(String database) throws SQLException {
    return DriverManager.getConnection(stageUrl(database), PG_USER, PG_PASSWORD);
  }

  /**
   * A fresh database for one scenario, so that every stage holds exactly one environment's apps.
   */
  void createDatabase(String database) throws SQLException {
    try (Connection c = stage("postgres");
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      st.execute("CREATE DATABASE " + database);
    }
  }

  void dropDatabase(String database) throws SQLException {
    try (Connection c = stage("postgres");
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  /**
   * Brings the machine to the same state before every timed step: no autovacuum at work, dirty
   * buffers written (CHECKPOINT) and the kernel's dirty pages flushed (sync). Otherwise a load pays
   * for writing back the previous one's gigabytes, and the figures scatter.
   */
  void settle(String database) throws SQLException, IOException, InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    try (Connection c = stage(database);
        Statement st = c.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")) {
          rs.next();
          if (rs.getInt(1) == 0) {
            break;
          }
        }
        Thread.sleep(500);
      }
      st.execute("CHECKPOINT");
    }
    new ProcessBuilder("sync").inheritIO().start().waitFor();
  }

  String postgresVersion() throws SQLException {
    return single("SELECT version()");
  }

  /** The server settings that matter for bulk loads, as the stage runs with them. */
  Map<String, String> postgresSettings() throws SQLException {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String name :
        List.of(
            "shared_buffers",
            "synchronous_commit",
            "fsync",
            "wal_level",
            "max_wal_size",
            "checkpoint_timeout",
            "work_mem",
            "maintenance_work_mem")) {
      settings.put(name, single("SHOW " + name));
    }
    return settings;
  }

  private String single(String sql) throws SQLException {
    try (Connection c = stage("postgres");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** The stage's WAL flushes so far: their count and their time in milliseconds (pg_stat_wal). */
  long[] walSyncs() throws SQLException {
    try (Connection c = stage("postgres");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT wal_sync, wal_sync_time FROM pg_stat_wal")) {
      rs.next();
      return new long[] {rs.getLong(1), Math.round(rs.getDouble(2))};
    }
  }

  /**
   * CPU time of the whole PostgreSQL cluster: the postmaster with its reaped backends, plus the
   * backends still running. Linux only; -1 where /proc is missing.
   */
  long postgresCpuNanos() {
    try {
      long pid = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
      return ProcStat.treeCpuNanos(pid);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    temporal.close();
    h2.stop();
    try {
      temporalServer.close();
    } catch (IOException | RuntimeException e) {
      // shutting down anyway
    }
    try {
      postgres.close();
    } catch (IOException e) {
      // shutting down anyway
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
