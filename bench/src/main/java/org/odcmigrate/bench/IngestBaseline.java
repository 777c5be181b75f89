package org.odcmigrate.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The ingest limit: the rows our migration wrote, exported from the stage to files (untimed), then
 * loaded back into the same emptied tables by psql's \copy and by pgloader (timed). The foreign
 * keys are dropped for the loads, as our migration drops them during its copy, and put back at the
 * end.
 */
final class IngestBaseline implements AutoCloseable {

  /**
   * One target table of the migration, the rows our migration left in it and a checksum of their
   * content (sum of a 64-bit hash of every row's text), which every load must reproduce.
   */
  record Table(String schema, String name, long rows, String checksum) {
    String qualified() {
      return "\"" + schema + "\".\"" + name + "\"";
    }

    String fileName(String extension) {
      return schema + "." + name + "." + extension;
    }
  }

  /** The COPY formats the files are written in. */
  enum Format {
    CSV("csv"),
    TEXT("text"),
    BINARY("binary");

    final String sql;

    Format(String sql) {
      this.sql = sql;
    }

    String extension() {
      return switch (this) {
        case CSV -> "csv";
        case TEXT -> "txt";
        case BINARY -> "bin";
      };
    }
  }

  /**
   * One timed load and the CPU it took: the PostgreSQL cluster's and the loader processes' (psql or
   * pgloader); wallSeconds is -1 when it failed, and detail says why.
   */
  record Load(double wallSeconds, long postgresCpuNanos, long clientCpuNanos, String detail) {
    boolean ok() {
      return wallSeconds >= 0;
    }

    static Load failed(String detail) {
      return new Load(-1, -1, -1, detail);
    }
  }

  /** Wall time and CPU since it was started. */
  private final class Meter {
    private final long start = System.nanoTime();
    private final long postgres = infra.postgresCpuNanos();
    private final long clients = ProcStat.reapedChildrenCpuNanos();

    Load stop() throws InterruptedException {
      double wall = (System.nanoTime() - start) / 1e9;
      // The loader's backends end when it does: give the postmaster time to reap them, or their
      // CPU is in neither its children nor its reaped total when we look.
      Thread.sleep(300);
      return new Load(
          wall,
          infra.postgresCpuNanos() - postgres,
          ProcStat.reapedChildrenCpuNanos() - clients,
          null);
    }
  }

  private final Infrastructure infra;
  private final String database;
  private final List<Table> tables;
  private final Path dir;
  private final List<String> foreignKeys = new ArrayList<>();

  private IngestBaseline(Infrastructure infra, String database, List<Table> tables, Path dir) {
    this.infra = infra;
    this.database = database;
    this.tables = tables;
    this.dir = dir;
  }

  /** The stage's app tables (static entities come with the code and are not migrated). */
  static List<Table> targetTables(Connection stage) throws SQLException {
    List<Table> tables = new ArrayList<>();
    String sql =
        "SELECT a.schema_name, e.table_name FROM odc_catalog.entity e JOIN odc_catalog.app a USING (app_key)"
            + " WHERE NOT e.is_static ORDER BY 1, 2";
    try (Statement st = stage.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        tables.add(new Table(rs.getString(1), rs.getString(2), 0, null));
      }
    }
    List<Table> counted = new ArrayList<>();
    for (Table t : tables) {
      try (Statement st = stage.createStatement();
          ResultSet rs = st.executeQuery(contentQuery(t))) {
        rs.next();
        counted.add(new Table(t.schema(), t.name(), rs.getLong(1), rs.getString(2)));
      }
    }
    return counted;
  }

  private static String contentQuery(Table t) {
    return "SELECT count(*), coalesce(sum(hashtextextended(r::text, 0)::numeric), 0)::text FROM "
        + t.qualified()
        + " r";
  }

  /**
   * Sum of pg_total_relation_size of the tables: heap, TOAST and indexes, as the stage stores them.
   */
  static long totalBytes(Connection stage, List<Table> tables) throws SQLException {
    long bytes = 0;
    try (PreparedStatement ps =
        stage.prepareStatement("SELECT pg_total_relation_size(?::regclass)")) {
      for (Table t : tables) {
        ps.setString(1, t.qualified());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          bytes += rs.getLong(1);
        }
      }
    }
    return bytes;
  }

  /** Exports the tables in every format (untimed) and drops their foreign keys. */
  static IngestBaseline prepare(
      Infrastructure infra, String database, List<Table> tables, Path dir, List<Format> formats)
      throws SQLException, IOException {
    Files.createDirectories(dir);
    IngestBaseline baseline = new IngestBaseline(infra, database, tables, dir);
    try (Connection c = infra.stage(database)) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      for (Table t : tables) {
        for (Format f : formats) {
          try (OutputStream out =
              new BufferedOutputStream(Files.newOutputStream(baseline.file(t, f)), 1 << 20)) {
            copy.copyOut("COPY " + t.qualified() + " TO STDOUT (FORMAT " + f.sql + ")", out);
          }
        }
      }
      baseline.dropForeignKeys(c);
    }
    return baseline;
  }

  List<Table> tables() {
    return tables;
  }

  long fileBytes(Format format) throws IOException {
    long bytes = 0;
    for (Table t : tables) {
      bytes += Files.size(file(t, format));
    }
    return bytes;
  }

  private Path file(Table t, Format format) {
    return dir.resolve(t.fileName(format.extension()));
  }

  private void dropForeignKeys(Connection c) throws SQLException {
    String schemas =
        tables.stream()
            .map(Table::schema)
            .distinct()
            .map(s -> "'" + s.replace("'", "''") + "'")
            .collect(Collectors.joining(", "));
    String sql =
        "SELECT conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint"
            + " WHERE contype = 'f' AND connamespace::regnamespace::text IN ("
            + schemas
            + ")";
    List<String[]> keys = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        keys.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
      }
    }
    try (Statement st = c.createStatement()) {
      for (String[] k : keys) {
        st.execute("ALTER TABLE " + k[0] + " DROP CONSTRAINT " + k[1]);
        foreignKeys.add("ALTER TABLE " + k[0] + " ADD CONSTRAINT " + k[1] + " " + k[2]);
      }
    }
  }

  /** Empties the tables and settles the machine, so that every load starts from the same state. */
  private void reset() throws SQLException, IOException, InterruptedException {
    try (Connection c = infra.stage(database);
        Statement st = c.createStatement()) {
      st.execute(
          "TRUNCATE " + tables.stream().map(Table::qualified).collect(Collectors.joining(", ")));
    }
    infra.settle(database);
  }

  /** Each table loaded by its own psql process, one after the other. */
  Load psqlSequential(Format format) throws SQLException, IOException, InterruptedException {
    reset();
    Meter meter = new Meter();
    for (Table t : bySizeDescending(format)) {
      String error = psql(List.of("-c", copyCommand(t, format)));
      if (error != null) {
        return Load.failed(error);
      }
    }
    return checked(meter.stop());
  }

  /** Tables handed biggest first to a fixed number of concurrent psql processes. */
  Load psqlParallel(Format format, int processes)
      throws SQLException, IOException, InterruptedException {
    reset();
    ConcurrentLinkedQueue<Table> queue = new ConcurrentLinkedQueue<>(bySizeDescending(format));
    ExecutorService pool = Executors.newFixedThreadPool(processes);
    Meter meter = new Meter();
    List<Future<String>> results = new ArrayList<>();
    for (int p = 0; p < processes; p++) {
      results.add(
          pool.submit(
              () -> {
                for (Table t = queue.poll(); t != null; t = queue.poll()) {
                  String error = psql(List.of("-c", copyCommand(t, format)));
                  if (error != null) {
                    return error;
                  }
                }
                return null;
              }));
    }
    String error = null;
    for (Future<String> result : results) {
      try {
        String e = result.get();
        error = error == null ? e : error;
      } catch (java.util.concurrent.ExecutionException e) {
        error = e.getCause().toString();
      }
    }
    Load load = meter.stop();
    pool.shutdown();
    return error != null ? Load.failed(error) : checked(load);
  }

  /** One psql session running a \copy per table: no process start per table. */
  Load psqlSession(Format format) throws SQLException, IOException, InterruptedException {
    reset();
    Path script = dir.resolve("load-" + format.sql + ".psql");
    Files.write(
        script, bySizeDescending(format).stream().map(t -> copyCommand(t, format)).toList());
    Meter meter = new Meter();
    String error = psql(List.of("-f", script.toString()));
    Load load = meter.stop();
    return error != null ? Load.failed(error) : checked(load);
  }

  /**
   * pgloader reading the CSV files, one LOAD CSV command per table in one run, its defaults
   * otherwise; with boundedMemory, few rows per batch and read ahead and a 4 GB Lisp heap, which
   * rows of tens of MB need (pgloader holds text as 4 bytes per character).
   */
  Load pgloader(Duration timeout, boolean boundedMemory)
      throws SQLException, IOException, InterruptedException {
    reset();
    Path commands = dir.resolve("load.pgloader");
    String target =
        "postgresql://"
            + Infrastructure.PG_USER
            + ":"
            + Infrastructure.PG_PASSWORD
            + "@127.0.0.1:"
            + infra.pgPort()
            + "/"
            + database;
    StringBuilder text = new StringBuilder();
    for (Table t : bySizeDescending(Format.CSV)) {
      text.append("LOAD CSV\n  FROM '")
          .append(file(t, Format.CSV))
          .append("'\n")
          .append("  INTO ")
          .append(target)
          .append("\n")
          .append("  TARGET TABLE ")
          .append(t.qualified())
          .append("\n")
          // PostgreSQL quotes a value only when it must; pgloader would trim unquoted blanks.
          .append("  WITH keep unquoted blanks,\n")
          .append(boundedMemory ? "       batch rows = 5, prefetch rows = 10,\n" : "")
          .append("       fields optionally enclosed by '\"',\n")
          .append("       fields escaped by double-quote,\n")
          .append("       fields terminated by ','\n;\n\n");
    }
    Files.writeString(commands, text);
    Path log = dir.resolve("pgloader.log");
    Path root = dir.resolve("pgloader");
    Files.createDirectories(root);
    List<String> command = new ArrayList<>(List.of("pgloader", "--root-dir", root.toString()));
    if (boundedMemory) {
      command.addAll(List.of("--dynamic-space-size", "4096"));
    }
    command.add(commands.toString());
    Meter meter = new Meter();
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      return Load.failed("did not finish within " + timeout.toMinutes() + " min");
    }
    Load timed = meter.stop();
    if (p.exitValue() != 0) {
      return Load.failed("exit code " + p.exitValue() + ": " + lastLines(log, 3));
    }
    Load load = checked(timed);
    if (!load.ok() && Files.readString(log).contains("Heap exhausted")) {
      // pgloader logs the failure of a table and goes on with the next one, exiting 0.
      return Load.failed(HEAP_EXHAUSTED + "; " + load.detail());
    }
    return load;
  }

  static final String HEAP_EXHAUSTED = "pgloader ran out of its Lisp heap (\"Heap exhausted\")";

  /**
   * A load counts only if every table holds exactly the rows our migration wrote (count and
   * checksum).
   */
  private Load checked(Load timed) throws SQLException {
    List<String> wrong = new ArrayList<>();
    try (Connection c = infra.stage(database);
        Statement st = c.createStatement()) {
      for (Table t : tables) {
        try (ResultSet rs = st.executeQuery(contentQuery(t))) {
          rs.next();
          if (rs.getLong(1) != t.rows()) {
            wrong.add(
                t.schema()
                    + "."
                    + t.name()
                    + " has "
                    + rs.getLong(1)
                    + " of "
                    + t.rows()
                    + " rows");
          } else if (!rs.getString(2).equals(t.checksum())) {
            wrong.add(t.schema() + "." + t.name() + " has different values");
          }
        }
      }
    }
    if (!wrong.isEmpty()) {
      return Load.failed(
          "not the migrated rows: "
              + String.join(", ", wrong.subList(0, Math.min(5, wrong.size())))
              + (wrong.size() > 5 ? " and " + (wrong.size() - 5) + " more tables" : ""));
    }
    return timed;
  }

  private String copyCommand(Table t, Format format) {
    return "\\copy "
        + t.qualified()
        + " FROM '"
        + file(t, format)
        + "' WITH (FORMAT "
        + format.sql
        + ")";
  }

  private List<Table> bySizeDescending(Format format) {
    List<Table> sorted = new ArrayList<>(tables);
    sorted.sort(
        Comparator.comparingLong(
                (Table t) -> {
                  try {
                    return Files.size(file(t, format));
                  } catch (IOException e) {
                    return 0L;
                  }
                })
            .reversed());
    return sorted;
  }

  /** Runs psql against the stage; null when it succeeded, else its last error lines. */
  private String psql(List<String> arguments) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "psql",
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(infra.pgPort()),
                "-U",
                Infrastructure.PG_USER,
                "-d",
                database));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", Infrastructure.PG_PASSWORD);
    Path out = Files.createTempFile(dir, "psql", ".out");
    builder.redirectOutput(out.toFile());
    Process p = builder.start();
    int code = p.waitFor();
    String result = code == 0 ? null : "psql exit code " + code + ": " + lastLines(out, 3);
    Files.deleteIfExists(out);
    return result;
  }

  private static String lastLines(Path file, int count) throws IOException {
    List<String> lines = Files.readAllLines(file);
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()))
        .trim();
  }

  /** Puts the foreign keys back (untimed). */
  @Override
  public void close() throws SQLException {
    try (Connection c = infra.stage(database);
        Statement st = c.createStatement()) {
      for (String key : foreignKeys) {
        st.execute(key);
      }
    }
  }
}
