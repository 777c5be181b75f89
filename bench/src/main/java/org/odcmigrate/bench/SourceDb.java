package org.odcmigrate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.odcmigrate.config.EnvironmentConfig;

/**
 * One generated O11 environment in H2 (SQL Server mode), opened by the harness and served to the
 * worker over H2's TCP server. In memory for the row-heavy scenarios; in a file for the LOB one,
 * whose gigabytes would not fit the harness's heap.
 */
final class SourceDb implements AutoCloseable {

  private static final String SETTINGS =
      ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";

  private final String workerUrl;
  private final Path file;
  private final Connection connection;

  private SourceDb(String localUrl, String workerUrl, Path file) throws SQLException {
    this.workerUrl = workerUrl;
    this.file = file;
    this.connection = DriverManager.getConnection(localUrl, "sa", "");
  }

  static SourceDb inMemory(String name, int tcpPort) throws SQLException {
    return new SourceDb(
        "jdbc:h2:mem:" + name + SETTINGS + ";DB_CLOSE_DELAY=-1",
        "jdbc:h2:tcp://127.0.0.1:" + tcpPort + "/mem:" + name + SETTINGS + lazy(),
        null);
  }

  static SourceDb inFile(Path file, int tcpPort) throws SQLException, IOException {
    deleteFiles(file);
    Path absolute = file.toAbsolutePath();
    return new SourceDb(
        "jdbc:h2:file:" + absolute + SETTINGS,
        "jdbc:h2:tcp://127.0.0.1:" + tcpPort + "/" + absolute + SETTINGS + lazy(),
        file);
  }

  /**
   * H2 otherwise builds a query's whole result before sending its first row; SQL Server streams
   * rows as the client reads them, and so does H2 with lazy execution.
   */
  private static String lazy() {
    return ";LAZY_QUERY_EXECUTION=TRUE";
  }

  Connection connection() {
    return connection;
  }

  /** The environment as the worker's configuration names it: read over TCP, DateTime in UTC. */
  EnvironmentConfig environmentConfig() {
    return new EnvironmentConfig(workerUrl, "sa", "", "UTC", 0, null, false);
  }

  @Override
  public void close() throws SQLException, IOException {
    try (Statement st = connection.createStatement()) {
      st.execute("SHUTDOWN");
    }
    connection.close();
    if (file != null) {
      deleteFiles(file);
    }
  }

  private static void deleteFiles(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      return;
    }
    String prefix = file.getFileName().toString() + ".";
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.getFileName().toString().startsWith(prefix)) {
          Files.delete(f);
        }
      }
    }
  }
}
