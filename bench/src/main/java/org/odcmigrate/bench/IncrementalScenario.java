package org.odcmigrate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scenario "incremental": the "wide" environment migrated in full, then 1 % of its rows changed in
 * a few key ranges and migrated incrementally, then the same share changed in every range and
 * migrated incrementally again: the cut-over's final run against the full one, in one run.
 */
final class IncrementalScenario {

  /** The target of the issue: the final run at most this share of the full one's wall. */
  static final double TARGET = 0.3;

  private IncrementalScenario() {}

  static Benchmark.Scenario of(Benchmark.Options options) {
    int rows = options.wideRowsPerEntity();
    return new Benchmark.Scenario(
        "incremental",
        "the \"wide\" environment, "
            + rows
            + " rows in each of its 5 big entities: full, then incremental twice",
        o11 -> {
          Environments.wide(o11, rows);
          return "SampleEnvironment with SampleSize(" + rows + ", " + Environments.SEED + ")";
        },
        false,
        options.workerHeap(),
        false,
        false,
        false,
        null,
        (runner, worker, o11, notes) -> {
          // The first run warms the worker's JIT up; comparing a cold full run with warm
          // incremental ones would flatter them.
          MigrationRunner.Result cold = runner.run(worker, options.timeout(), false);
          notes.add(
              String.format(
                  Locale.ROOT,
                  "a first full run warmed the worker up (not counted): %.1f s",
                  cold.wallSeconds()));
          List<MigrationRunner.Result> runs = new ArrayList<>();
          runs.add(runner.run(worker, options.timeout(), false));
          notes.add("concentrated: " + IncrementalChanges.concentrated(o11, 0.4));
          runs.add(runner.run(worker, options.timeout(), true));
          notes.add("spread: " + IncrementalChanges.spread(o11));
          runs.add(runner.run(worker, options.timeout(), true));
          return runs;
        });
  }

  /** The figures as a Markdown section, for docs/benchmarks.md by hand. */
  static void print(Benchmark.ScenarioResult result) {
    List<MigrationRunner.Result> runs = result.ours();
    String[] names = {
      "full (keep running)",
      "incremental, changes in a few ranges",
      "incremental, changes in every range"
    };
    StringBuilder md = new StringBuilder("\n## Incremental re-run\n\n");
    md.append("Generated: ").append(result.generated()).append(".\n\n");
    result.notes().forEach(n -> md.append("- ").append(n).append('\n'));
    md.append("\n| Run | Outcome | Wall (s) | Rows in stage | Share of the full wall |\n");
    md.append("| --- | --- | ---: | ---: | ---: |\n");
    for (int i = 0; i < runs.size(); i++) {
      MigrationRunner.Result r = runs.get(i);
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.1f | %,d | %.2f |%n",
              i < names.length ? names[i] : "run " + (i + 1),
              r.completed() ? "completed" : r.outcome(),
              r.wallSeconds(),
              r.rows(),
              r.wallSeconds() / runs.get(0).wallSeconds()));
    }
    if (runs.size() > 1) {
      double share = runs.get(1).wallSeconds() / runs.get(0).wallSeconds();
      md.append(
          String.format(
              Locale.ROOT,
              "%nConcentrated changes: %.2f of the full wall (target at most %.1f): %s.%n",
              share,
              TARGET,
              share <= TARGET ? "met" : "not met"));
    }
    md.append("\nWhere each run's time goes (summed activity seconds, and the wall during which")
        .append(" at least one ran), with the CPU seconds of the worker, PostgreSQL and the")
        .append(" harness (H2 serving O11, the Temporal test server):\n\n");
    md.append(
        "| Run | Activities: count, summed s, wall s with one running | CPU s: worker, PG, harness |\n");
    md.append("| --- | --- | --- |\n");
    for (int i = 0; i < runs.size(); i++) {
      MigrationRunner.Result r = runs.get(i);
      StringBuilder acts = new StringBuilder();
      if (r.activities() != null) {
        for (ActivityProfile.Stats a : r.activities().activities()) {
          if (a.busySeconds() < 0.05) {
            continue;
          }
          acts.append(
              String.format(
                  Locale.ROOT,
                  "%s%s %d, %.1f, %.1f",
                  acts.isEmpty() ? "" : "; ",
                  a.type(),
                  a.count(),
                  a.runSeconds(),
                  a.busySeconds()));
        }
      }
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.1f, %.1f, %.1f |%n",
              i < names.length ? names[i] : "run " + (i + 1),
              acts,
              r.worker() == null ? 0 : r.worker().cpuNanos() / 1e9,
              r.postgresCpuNanos() / 1e9,
              r.harnessCpuNanos() / 1e9));
    }
    System.out.println(md);
  }
}
