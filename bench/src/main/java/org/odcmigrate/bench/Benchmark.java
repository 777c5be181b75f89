package org.odcmigrate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.odcmigrate.bench.IngestBaseline.Format;
import org.odcmigrate.bench.IngestBaseline.Load;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.config.MigrationDefaults;
import org.odcmigrate.config.StageConfig;
import org.odcmigrate.o11.O11Metadata;
import org.odcmigrate.odc.ModelConverter;

/**
 * Measures the product's migration on generated O11 environments and the ingest limit of the same
 * stage (psql's \copy, pgloader) on the same rows; writes docs/benchmarks.md and
 * docs/benchmarks.csv.
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package && java -Xmx4g -jar bench/target/odc-migrate-bench.jar [--scenario all] [--runs 3]
 * </pre>
 */
public final class Benchmark {

  static final String COMMAND =
      "./mvnw -q -B -DskipTests package && java -Xmx4g -jar bench/target/odc-migrate-bench.jar";
  static final String ENVIRONMENT = "O11-Bench";
  static final String STAGE = "Bench";

  /**
   * A load slower than this is not repeated: the median of one run is that run, and the whole
   * benchmark stays under an hour.
   */
  static final int REPEAT_LIMIT_SECONDS = 300;

  /** The command line. */
  record Options(
      String scenario,
      int runs,
      int wideRowsPerEntity,
      List<Integer> scalingRowsPerEntity,
      int manyApps,
      int manyEntities,
      int manyRows,
      int lobRows,
      int lobMinMb,
      int lobMaxMb,
      String workerHeap,
      String lobHeap,
      boolean pgloader,
      boolean profile,
      boolean keepFiles,
      Path out,
      Path workDir,
      Path productJar,
      Duration timeout,
      MigrationDefaults migration,
      String arguments,
      List<String> pgloaderScenarios,
      boolean stageFsync) {

    /** Whether pgloader is measured in this scenario. */
    boolean pgloaderIn(String scenario) {
      return pgloader && (pgloaderScenarios.isEmpty() || pgloaderScenarios.contains(scenario));
    }

    /** The options, or null when help was asked for. */
    static Options parse(String[] args) {
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--help") || arg.equals("-h")) {
          return null;
        }
        if (!arg.startsWith("--")) {
          throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + usage());
        }
        String key = arg.substring(2);
        if (key.equals("no-pgloader")
            || key.equals("no-profile")
            || key.equals("keep-files")
            || key.equals("stage-fsync")) {
          values.put(key, "true");
        } else if (i + 1 < args.length) {
          values.put(key, args[++i]);
        } else {
          throw new IllegalArgumentException(arg + " needs a value\n" + usage());
        }
      }
      List<String> known =
          List.of(
              "scenario",
              "runs",
              "wide-rows",
              "scaling-rows",
              "many-apps",
              "many-entities",
              "many-rows",
              "lob-rows",
              "lob-min-mb",
              "lob-max-mb",
              "worker-heap",
              "lob-heap",
              "no-pgloader",
              "no-profile",
              "keep-files",
              "out",
              "work-dir",
              "product-jar",
              "timeout-minutes",
              "parallel-apps",
              "parallel-entities",
              "batch-size",
              "split-rows",
              "pgloader-scenarios",
              "stage-fsync");
      for (String key : values.keySet()) {
        if (!known.contains(key)) {
          throw new IllegalArgumentException("unknown option --" + key + "\n" + usage());
        }
      }
      String scenario = values.getOrDefault("scenario", "all");
      if (!List.of("wide", "many", "lob", "scaling", "incremental", "all").contains(scenario)) {
        throw new IllegalArgumentException(
            "--scenario is one of wide, many, lob, scaling, incremental, all\n" + usage());
      }
      return new Options(
          scenario,
          Integer.parseInt(values.getOrDefault("runs", "3")),
          Integer.parseInt(values.getOrDefault("wide-rows", "400000")),
          List.of(values.getOrDefault("scaling-rows", "50000,100000,200000,400000").split(","))
              .stream()
              .map(String::trim)
              .map(Integer::parseInt)
              .toList(),
          Integer.parseInt(values.getOrDefault("many-apps", "20")),
          Integer.parseInt(values.getOrDefault("many-entities", "1000")),
          Integer.parseInt(values.getOrDefault("many-rows", "10")),
          Integer.parseInt(values.getOrDefault("lob-rows", "200")),
          Integer.parseInt(values.getOrDefault("lob-min-mb", "1")),
          Integer.parseInt(values.getOrDefault("lob-max-mb", "20")),
          values.getOrDefault("worker-heap", "1g"),
          values.getOrDefault("lob-heap", "256m"),
          !values.containsKey("no-pgloader"),
          !values.containsKey("no-profile"),
          values.containsKey("keep-files"),
          Path.of(values.getOrDefault("out", "docs")),
          Path.of(
              values.getOrDefault(
                  "work-dir", System.getProperty("java.io.tmpdir") + "/odc-migrate-bench")),
          Path.of(values.getOrDefault("product-jar", "app/target/odc-migrate.jar")),
          Duration.ofMinutes(Long.parseLong(values.getOrDefault("timeout-minutes", "30"))),
          // An option left out keeps the product's default, as a key left out of the configuration
          // does.
          new MigrationDefaults(
              optional(values, "parallel-apps", Integer::valueOf),
              optional(values, "parallel-entities", Integer::valueOf),
              optional(values, "batch-size", Integer::valueOf),
              optional(values, "split-rows", Long::valueOf),
              null),
          String.join(" ", args),
          values.containsKey("pgloader-scenarios")
              ? List.of(values.get("pgloader-scenarios").split(",")).stream()
                  .map(String::trim)
                  .toList()
              : List.of(),
          values.containsKey("stage-fsync"));
    }

    private static <T> T optional(
        Map<String, String> values, String key, Function<String, T> parse) {
      String value = values.get(key);
      return value == null ? null : parse.apply(value);
    }

    static String usage() {
      return """
          usage: java -Xmx4g -jar bench/target/odc-migrate-bench.jar [options]
            --scenario wide|many|lob|scaling|incremental|all   (all; incremental only when named: it
                                     prints its figures and leaves benchmarks.md alone)
            --runs N                 measurements per figure, median reported (3)
            --wide-rows N            rows per big sample entity in "wide" (400000: 2 million rows)
            --scaling-rows a,b,...   rows per big entity of the scaling points (50000,100000,200000,400000)
            --many-apps N --many-entities N --many-rows N   shape of "many" (20, 1000, 10)
            --lob-rows N --lob-min-mb N --lob-max-mb N      shape of "lob" (200, 1, 20)
            --worker-heap SIZE       -Xmx of the worker JVM in wide, many, scaling (1g)
            --lob-heap SIZE          -Xmx of the worker JVM in lob (256m)
            --no-pgloader            skip pgloader even where it is installed
            --stage-fsync            the stage flushes its WAL (fsync on, synchronous_commit off by
                                     default): the cost of the product's durable commits is shown
            --pgloader-scenarios a,b only these scenarios measure pgloader (all; in lob it needs
                                     a bounded run of about ten minutes after its defaults fail)
            --no-profile             skip the extra Flight Recorder run per scenario
            --keep-files             keep the exported files (in --work-dir) for a look afterwards
            --out DIR                where benchmarks.md and benchmarks.csv go (docs)
            --work-dir DIR           databases, exported files, logs (<tmp>/odc-migrate-bench)
            --product-jar FILE       the product's jar, whose worker command is measured (app/target/odc-migrate.jar)
            --timeout-minutes N      a migration still running after this is stopped and reported (30)
            --parallel-apps N --parallel-entities N --batch-size N --split-rows N
                                     migration options, as in the configuration's migration section
                                     (the product's defaults)
          """;
    }
  }

  /** How a scenario's O11 environment is generated; returns what it made, for the report. */
  interface Generator {
    String generate(Connection o11) throws SQLException;
  }

  /** One scenario to run. */
  record Scenario(
      String name,
      String title,
      Generator generator,
      boolean inFile,
      String workerHeap,
      boolean baselines,
      boolean formats,
      boolean profile,
      String note,
      Runs runs) {}

  /** A scenario's own sequence of measured migrations, instead of --runs repeats of one. */
  interface Runs {
    List<MigrationRunner.Result> measure(
        MigrationRunner runner, WorkerProcess worker, Connection o11, List<String> notes)
        throws Exception;
  }

  /** Everything measured in one scenario. */
  record ScenarioResult(
      Scenario scenario,
      String generated,
      double generateSeconds,
      List<MigrationRunner.Result> ours,
      List<IngestBaseline.Table> tables,
      long tableBytes,
      Map<Format, Long> fileBytes,
      Map<String, List<Load>> baselines,
      JfrSummary profile,
      List<String> notes) {

    long rows() {
      return tables.stream().mapToLong(IngestBaseline.Table::rows).sum();
    }
  }

  private final Options options;
  private final Infrastructure infra;
  private final boolean psql;
  private final String pgloaderVersion;

  private Benchmark(Options options, Infrastructure infra, boolean psql, String pgloaderVersion) {
    this.options = options;
    this.infra = infra;
    this.psql = psql;
    this.pgloaderVersion = pgloaderVersion;
  }

  /** H2's cache of repeated strings and numbers, off in both JVMs (see WorkerProcess). */
  static final String H2_OBJECT_CACHE = "h2.objectCache";

  public static void main(String[] args) throws Exception {
    // Before any H2 class is loaded: H2 reads it once.
    System.setProperty(H2_OBJECT_CACHE, "false");
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (options == null) {
      System.out.print(Options.usage());
      return;
    }
    if (!Files.isRegularFile(options.productJar())) {
      System.err.println(
          "The product's jar "
              + options.productJar()
              + " is missing: run ./mvnw -q -B -DskipTests package"
              + " from the repository root first (or pass --product-jar)");
      System.exit(2);
    }
    String psql = Tools.version("psql", "--version");
    if (psql == null) {
      System.out.println("psql not installed: its figures are skipped");
    }
    String pgloader = Tools.version("pgloader", "--version");
    if (pgloader == null) {
      System.out.println("pgloader not installed: its figures are skipped");
    }
    try (Infrastructure infra = Infrastructure.start(options.workDir(), options.stageFsync())) {
      new Benchmark(options, infra, psql != null, options.pgloader() ? pgloader : null).run();
    }
    // The Temporal test server and the gRPC channels keep non-daemon threads.
    System.exit(0);
  }

  private void run() throws Exception {
    String scenario = options.scenario();
    if (scenario.equals("incremental")) {
      IncrementalScenario.print(log(runScenario(IncrementalScenario.of(options))));
      return;
    }
    Report report = new Report(options, infra, pgloaderVersion);
    ScenarioResult wide = null;
    if (scenario.equals("wide") || scenario.equals("all")) {
      wide = log(runScenario(wideScenario(options.wideRowsPerEntity(), true)));
      report.add(wide);
      report.write();
    }
    if (scenario.equals("many") || scenario.equals("all")) {
      report.add(
          log(
              runScenario(
                  new Scenario(
                      "many",
                      options.manyEntities()
                          + " entities in "
                          + options.manyApps()
                          + " apps, "
                          + options.manyRows()
                          + " rows each",
                      o11 -> {
                        Environments.many(
                            o11, options.manyApps(), options.manyEntities(), options.manyRows());
                        return "the sample at rowsPerEntity="
                            + options.manyRows()
                            + " (3 apps) plus generated apps Bench01..: "
                            + options.manyApps()
                            + " apps and "
                            + options.manyEntities()
                            + " copied entities in all, "
                            + options.manyRows()
                            + " rows per entity";
                      },
                      false,
                      options.workerHeap(),
                      true,
                      false,
                      options.profile(),
                      null,
                      null))));
      report.write();
    }
    if (scenario.equals("lob") || scenario.equals("all")) {
      report.add(
          log(
              runScenario(
                  new Scenario(
                      "lob",
                      options.lobRows()
                          + " binaries of "
                          + options.lobMinMb()
                          + " to "
                          + options.lobMaxMb()
                          + " MiB, worker -Xmx"
                          + options.lobHeap(),
                      o11 -> {
                        long bytes =
                            Environments.lob(
                                o11, options.lobRows(), options.lobMinMb(), options.lobMaxMb());
                        return "the sample at rowsPerEntity=10 plus app Documents, entity Document: "
                            + options.lobRows()
                            + " rows whose Content (Binary Data) holds "
                            + options.lobMinMb()
                            + " to "
                            + options.lobMaxMb()
                            + " MiB of random bytes, "
                            + String.format(Locale.ROOT, "%.0f", bytes / 1048576.0)
                            + " MiB in all"
                            + " (an H2 BLOB column: see the note)";
                      },
                      true,
                      options.lobHeap(),
                      true,
                      true,
                      options.profile(),
                      "O11 declares Binary Data as VARBINARY(MAX), which SQL Server streams to the reader. H2 keeps a VARBINARY"
                          + " inside its storage page and its file store fails on values of about 16 MB (\"Illegal page length\"),"
                          + " so the column is an H2 BLOB, stored apart and streamed to the client in chunks as SQL Server does;"
                          + " the metadata still says rtBinaryData, and the worker streams it the same way (DATALENGTH, then getBinaryStream).",
                      null))));
      report.write();
    }
    if (scenario.equals("scaling") || scenario.equals("all")) {
      for (int rowsPerEntity : options.scalingRowsPerEntity()) {
        if (wide != null && rowsPerEntity == options.wideRowsPerEntity()) {
          report.addScaling(wide);
          continue;
        }
        report.addScaling(log(runScenario(wideScenario(rowsPerEntity, false))));
        report.write();
      }
    }
    report.write();
    System.out.println(
        "Wrote "
            + options.out().resolve("benchmarks.md")
            + " and "
            + options.out().resolve("benchmarks.csv"));
  }

  private Scenario wideScenario(int rowsPerEntity, boolean full) {
    return new Scenario(
        full ? "wide" : "wide-" + rowsPerEntity,
        "the sample environment, " + rowsPerEntity + " rows in each of its 5 big entities",
        o11 -> {
          Environments.wide(o11, rowsPerEntity);
          return "SampleEnvironment with SampleSize("
              + rowsPerEntity
              + ", "
              + Environments.SEED
              + ")";
        },
        false,
        options.workerHeap(),
        full,
        full,
        full && options.profile(),
        null,
        null);
  }

  private ScenarioResult runScenario(Scenario s) throws Exception {
    String database = "bench_" + s.name().replace('-', '_');
    Path dir = options.workDir().resolve(s.name());
    Files.createDirectories(dir);
    List<String> notes = new ArrayList<>();
    if (s.note() != null) {
      notes.add(s.note());
    }
    infra.createDatabase(database);
    say(s.name() + ": generating " + s.title());
    long start = System.nanoTime();
    try (SourceDb source =
        s.inFile()
            ? SourceDb.inFile(dir.resolve("o11"), infra.h2Port())
            : SourceDb.inMemory(database, infra.h2Port())) {
      String generated = s.generator().generate(source.connection());
      double generateSeconds = (System.nanoTime() - start) / 1e9;
      if (!s.inFile()) {
        System.gc();
        long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        notes.add(
            "The O11 environment lives in H2 in memory: the harness JVM held "
                + Report.mb(used)
                + " MB of heap after generating it (limit "
                + Report.mb(Runtime.getRuntime().maxMemory())
                + " MB).");
      }
      say(
          s.name()
              + ": generated in "
              + seconds(generateSeconds)
              + "; converting the model (not timed)");
      StageConfig stageConfig =
          new StageConfig(
              infra.stageUrl(database),
              Infrastructure.PG_USER,
              Infrastructure.PG_PASSWORD,
              0,
              null,
              false);
      try (Connection stage = infra.stage(database)) {
        new ModelConverter(O11Metadata.read(source.connection()))
            .convert(List.of(), source.connection(), stage);
      }
      EnvironmentConfig environment = source.environmentConfig();
      Path config = writeWorkerConfig(dir, environment, stageConfig);
      Path log = dir.resolve("worker.log");
      Files.deleteIfExists(log);
      List<MigrationRunner.Result> ours = new ArrayList<>();
      JfrSummary profile = null;
      WorkerProcess worker = WorkerProcess.start(options.productJar(), config, log, s.workerHeap());
      try (MigrationRunner runner =
          new MigrationRunner(
              infra, ENVIRONMENT, environment, STAGE, stageConfig, database, options.migration())) {
        if (s.runs() != null) {
          ours.addAll(s.runs().measure(runner, worker, source.connection(), notes));
        } else {
          // A worker of a real estate runs for hours: its JIT-compiled code, not a cold JVM's,
          // is what the figures measure. The cold run is shown, not counted.
          MigrationRunner.Result cold = runner.run(worker, options.timeout());
          String warmUp =
              "a first migration warmed the worker's JVM up (not counted): "
                  + (cold.completed() ? "completed" : cold.outcome())
                  + " in "
                  + seconds(cold.wallSeconds());
          notes.add(warmUp); // printed with the scenario's other notes
        }
        for (int run = 1; s.runs() == null && run <= options.runs(); run++) {
          if (!worker.alive()) {
            notes.add("run " + run + " and later not measured: the worker had exited");
            break;
          }
          MigrationRunner.Result r = runner.run(worker, options.timeout());
          ours.add(r);
          say(
              String.format(
                  Locale.ROOT,
                  "%s: our migration, run %d: %s in %s, %,d rows, peak heap %s",
                  s.name(),
                  run,
                  r.completed() ? "completed" : r.outcome(),
                  seconds(r.wallSeconds()),
                  r.rows(),
                  Report.mb(r.worker().peakHeapBytes())));
        }
        if (options.stageFsync()) {
          for (MigrationRunner.Result r : ours) {
            if (r.completed()) {
              notes.add(
                  String.format(
                      Locale.ROOT,
                      "Stage with fsync on and synchronous_commit off by default: a run of %.1f s"
                          + " flushed the WAL %,d times, %.2f s of flushes in all (what its"
                          + " durable commits waited for the disk at most, several copies at a"
                          + " time)",
                      r.wallSeconds(),
                      r.walSyncs(),
                      r.walSyncMillis() / 1000.0));
            }
          }
        }
        if (s.profile()
            && worker.alive()
            && ours.stream().anyMatch(MigrationRunner.Result::completed)) {
          Path recording = dir.resolve("worker.jfr");
          worker.startProfile();
          MigrationRunner.Result r = runner.run(worker, options.timeout());
          worker.stopProfile(recording);
          profile = JfrSummary.read(recording);
          say(
              s.name()
                  + ": profiled run (not counted) "
                  + seconds(r.wallSeconds())
                  + ", "
                  + profile.samples()
                  + " CPU samples");
        }
      } finally {
        worker.close();
      }
      List<IngestBaseline.Table> tables;
      long tableBytes;
      try (Connection stage = infra.stage(database)) {
        tables = IngestBaseline.targetTables(stage);
        tableBytes = IngestBaseline.totalBytes(stage, tables);
      }
      Map<Format, Long> fileBytes = new LinkedHashMap<>();
      Map<String, List<Load>> baselines = new LinkedHashMap<>();
      boolean migrated = !ours.isEmpty() && ours.get(ours.size() - 1).completed();
      if (s.baselines() && !migrated) {
        notes.add(
            "psql and pgloader not measured: our last run did not complete, so the stage holds no migrated rows to export");
      } else if (s.baselines()) {
        List<SourceReadBaseline.SourceTable> sourceTables;
        try (Connection stage = infra.stage(database)) {
          sourceTables = SourceReadBaseline.tables(source.connection(), stage);
        }
        measureBaselines(
            s, database, dir, tables, fileBytes, baselines, notes, environment, sourceTables);
      }
      return new ScenarioResult(
          s,
          generated,
          generateSeconds,
          ours,
          tables,
          tableBytes,
          fileBytes,
          baselines,
          profile,
          notes);
    } finally {
      if (!options.keepFiles()) {
        infra.dropDatabase(database);
        deleteExports(dir);
      }
    }
  }

  private void measureBaselines(
      Scenario s,
      String database,
      Path dir,
      List<IngestBaseline.Table> tables,
      Map<Format, Long> fileBytes,
      Map<String, List<Load>> baselines,
      List<String> notes,
      EnvironmentConfig environment,
      List<SourceReadBaseline.SourceTable> sourceTables)
      throws Exception {
    List<Format> formats =
        s.formats() ? List.of(Format.CSV, Format.TEXT, Format.BINARY) : List.of(Format.CSV);
    say(s.name() + ": exporting " + tables.size() + " tables to " + formats + " (not timed)");
    try (IngestBaseline baseline =
        IngestBaseline.prepare(infra, database, tables, dir.resolve("export"), formats)) {
      for (Format f : formats) {
        fileBytes.put(f, baseline.fileBytes(f));
      }
      for (int run = 1; run <= options.runs(); run++) {
        infra.settle(database);
        measure(
            s,
            baselines,
            notes,
            Report.SOURCE_READ,
            run,
            () -> SourceReadBaseline.measure(environment, sourceTables, 2));
        if (psql) {
          measure(
              s,
              baselines,
              notes,
              Report.PSQL_SEQUENTIAL,
              run,
              () -> baseline.psqlSequential(Format.CSV));
          if (tables.size() > 1) {
            measure(
                s,
                baselines,
                notes,
                Report.PSQL_PARALLEL,
                run,
                () -> baseline.psqlParallel(Format.CSV, 2));
          }
          measure(
              s,
              baselines,
              notes,
              Report.PSQL_SESSION,
              run,
              () -> baseline.psqlSession(Format.CSV));
          if (s.formats()) {
            measure(
                s,
                baselines,
                notes,
                Report.PSQL_TEXT,
                run,
                () -> baseline.psqlSequential(Format.TEXT));
            measure(
                s,
                baselines,
                notes,
                Report.PSQL_BINARY,
                run,
                () -> baseline.psqlSequential(Format.BINARY));
          }
        }
        if (pgloaderVersion != null && options.pgloaderIn(s.name())) {
          measure(
              s,
              baselines,
              notes,
              Report.PGLOADER,
              run,
              () -> baseline.pgloader(options.timeout(), false));
          List<Load> defaults = baselines.get(Report.PGLOADER);
          if (!defaults.get(0).ok()
              && defaults.get(0).detail().startsWith(IngestBaseline.HEAP_EXHAUSTED)) {
            measure(
                s,
                baselines,
                notes,
                Report.PGLOADER_BOUNDED,
                run,
                () -> baseline.pgloader(options.timeout(), true));
          }
        }
      }
    }
  }

  /** A timed load. */
  private interface Timed {
    Load run() throws Exception;
  }

  private void measure(
      Scenario s,
      Map<String, List<Load>> baselines,
      List<String> notes,
      String mode,
      int run,
      Timed timed)
      throws Exception {
    List<Load> loads = baselines.computeIfAbsent(mode, k -> new ArrayList<>());
    if (!loads.isEmpty() && !loads.get(loads.size() - 1).ok()) {
      return; // failed once: failing again says nothing new and may take long
    }
    if (!loads.isEmpty() && loads.get(0).wallSeconds() > REPEAT_LIMIT_SECONDS) {
      if (run == 2) {
        notes.add(
            mode
                + ": measured once, its first run took over "
                + REPEAT_LIMIT_SECONDS / 60
                + " minutes");
      }
      return;
    }
    Load load = timed.run();
    loads.add(load);
    say(
        s.name()
            + ": "
            + mode
            + ", run "
            + run
            + ": "
            + (load.ok() ? seconds(load.wallSeconds()) : "failed: " + load.detail()));
  }

  private Path writeWorkerConfig(Path dir, EnvironmentConfig environment, StageConfig stage)
      throws IOException {
    var temporal = infra.temporalConfig();
    String yaml =
        """
        # Written by the benchmark harness for the worker it measures.
        logging:
          level: INFO
          loggers:
            io.temporal: WARN
            io.grpc: WARN
            com.zaxxer.hikari: WARN
        temporal:
          target: "%s"
          namespace: %s
          taskQueue: %s
          stickyScheduleToStartSeconds: %d
          maxConcurrentActivities: %d
        environments:
          %s:
            url: "%s"
            user: %s
            password: ""
            timeZone: %s
        stages:
          %s:
            url: "%s"
            user: %s
            password: %s
        worker:
          admin:
            port: 0
        """
            .formatted(
                temporal.target(),
                temporal.namespace(),
                temporal.taskQueue(),
                temporal.stickyScheduleToStartSeconds(),
                temporal.maxConcurrentActivities(),
                ENVIRONMENT,
                environment.url(),
                environment.user(),
                environment.timeZone(),
                STAGE,
                stage.url(),
                stage.user(),
                stage.password());
    Path config = dir.resolve("worker.yml");
    Files.writeString(config, yaml);
    return config;
  }

  private static void deleteExports(Path dir) throws IOException {
    Path export = dir.resolve("export");
    if (Files.isDirectory(export)) {
      try (var files = Files.walk(export)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
  }

  private static ScenarioResult log(ScenarioResult result) {
    result.notes().forEach(n -> say(result.scenario().name() + ": " + n));
    return result;
  }

  static void say(String line) {
    System.out.println(
        java.time.LocalTime.now().format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss"))
            + " "
            + line);
  }

  static String seconds(double s) {
    return String.format(Locale.ROOT, "%.1f s", s);
  }
}
