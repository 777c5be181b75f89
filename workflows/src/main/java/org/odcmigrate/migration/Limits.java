package org.odcmigrate.migration;

import java.util.ArrayList;
import java.util.List;

/**
 * The limits a running migration can be given: each null leaves the one in force as it is.
 *
 * @param parallelApps app copies running at once (1 to {@value #MAX_PARALLEL})
 * @param parallelEntities entity copies running at once inside one app (1 to {@value
 *     #MAX_PARALLEL})
 * @param maxRowsPerSecond rows written per second by all copies together, shared among the copies
 *     running; 0 lifts the limit (0 to {@value #MAX_ROWS_PER_SECOND})
 */
public record Limits(Integer parallelApps, Integer parallelEntities, Integer maxRowsPerSecond) {

  public static final int MAX_PARALLEL = 64;
  public static final int MAX_ROWS_PER_SECOND = 100_000_000;

  /** The limits a migration starts with: its options', and no rate limit. */
  static Limits of(MigrationOptions options) {
    return new Limits(options.parallelApps(), options.parallelEntities(), 0);
  }

  /** What is wrong with these values, one line per field that names it; empty when valid. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (parallelApps == null && parallelEntities == null && maxRowsPerSecond == null) {
      problems.add("give at least one of parallelApps, parallelEntities, maxRowsPerSecond");
    }
    range(problems, "parallelApps", parallelApps, 1, MAX_PARALLEL);
    range(problems, "parallelEntities", parallelEntities, 1, MAX_PARALLEL);
    range(problems, "maxRowsPerSecond", maxRowsPerSecond, 0, MAX_ROWS_PER_SECOND);
    return problems;
  }

  /** These limits with the given ones' non-null values in their place. */
  Limits with(Limits change) {
    return new Limits(
        change.parallelApps != null ? change.parallelApps : parallelApps,
        change.parallelEntities != null ? change.parallelEntities : parallelEntities,
        change.maxRowsPerSecond != null ? change.maxRowsPerSecond : maxRowsPerSecond);
  }

  @Override
  public String toString() {
    return "parallel apps "
        + parallelApps
        + ", parallel entities "
        + parallelEntities
        + ", rows per second "
        + (maxRowsPerSecond == null || maxRowsPerSecond == 0 ? "unlimited" : maxRowsPerSecond);
  }

  private static void range(List<String> problems, String field, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      problems.add(field + " must be between " + min + " and " + max + ", was " + value);
    }
  }
}
