package org.odcmigrate.bench;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.odcmigrate.bench.IngestBaseline.Load;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.o11.O11Entity;
import org.odcmigrate.o11.O11Metadata;
import org.odcmigrate.o11.SqlServerDialect;

/**
 * The read floor: the migrated O11 tables read as the worker reads them (over the same H2 TCP
 * server, ordered by identifier, every value decoded, binaries streamed), with nothing written. No
 * migration from this source can be faster than reading it.
 */
final class SourceReadBaseline {

  /** One O11 table of the migration and the columns it copies. */
  record SourceTable(String table, List<String> columns, String identifier) {}

  private SourceReadBaseline() {}

  /**
   * The O11 tables of the entities the stage's apps hold data for (static entities come with the
   * code).
   */
  static List<SourceTable> tables(Connection o11, Connection stage) throws SQLException {
    Set<String> copied = new HashSet<>();
    try (Statement st = stage.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT lower(entity_key) FROM odc_catalog.entity WHERE NOT is_static")) {
      while (rs.next()) {
        copied.add(rs.getString(1));
      }
    }
    List<SourceTable> tables = new ArrayList<>();
    for (var module : O11Metadata.read(o11).modules()) {
      for (O11Entity e : module.entities()) {
        if (copied.contains(e.key().toLowerCase(java.util.Locale.ROOT))) {
          tables.add(
              new SourceTable(
                  e.physicalTable(),
                  e.attributes().stream().map(a -> a.column()).toList(),
                  e.identifier().column()));
        }
      }
    }
    return tables;
  }

  /**
   * Reads every table, {@code parallel} at a time; CPU is the harness JVM's (reader and H2 server
   * both live there).
   */
  static Load measure(EnvironmentConfig environment, List<SourceTable> tables, int parallel)
      throws Exception {
    long start = System.nanoTime();
    long cpu = MigrationRunner.ownCpuNanos();
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<Long>> reads = new ArrayList<>();
      for (SourceTable t : tables) {
        reads.add(pool.submit(() -> read(environment, t)));
      }
      for (Future<Long> r : reads) {
        r.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      return Load.failed(String.valueOf(e.getCause().getMessage()));
    } finally {
      pool.shutdownNow();
    }
    return new Load(
        (System.nanoTime() - start) / 1e9, 0, MigrationRunner.ownCpuNanos() - cpu, null);
  }

  private static long read(EnvironmentConfig environment, SourceTable t) throws Exception {
    StringJoiner select =
        new StringJoiner(", ", "SELECT ", " FROM " + SqlServerDialect.quote(t.table()));
    t.columns().forEach(c -> select.add(SqlServerDialect.quote(c)));
    String sql = select + " ORDER BY " + SqlServerDialect.quote(t.identifier());
    byte[] sink = new byte[1 << 16];
    long rows = 0;
    try (Connection c =
            DriverManager.getConnection(
                environment.url(), environment.user(), environment.password());
        Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      st.setFetchSize(5_000);
      try (ResultSet rs = st.executeQuery(sql)) {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        boolean[] binary = new boolean[columns + 1];
        for (int i = 1; i <= columns; i++) {
          int type = meta.getColumnType(i);
          binary[i] =
              type == Types.BLOB
                  || type == Types.VARBINARY
                  || type == Types.LONGVARBINARY
                  || type == Types.BINARY;
        }
        while (rs.next()) {
          for (int i = 1; i <= columns; i++) {
            if (!binary[i]) {
              rs.getObject(i);
              continue;
            }
            try (InputStream in = rs.getBinaryStream(i)) {
              while (in != null && in.read(sink) >= 0) {
                // drained, as the worker streams it into COPY
              }
            }
          }
          rows++;
        }
      }
    }
    return rows;
  }
}
