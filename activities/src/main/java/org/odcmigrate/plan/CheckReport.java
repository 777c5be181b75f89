package org.odcmigrate.plan;

import java.util.List;

/**
 * What {@code check} found: everything a migration's preparation would find, read without changing
 * anything.
 *
 * @param canStart true when a migration could start now (no blocker, difference or invalid email)
 * @param found what the reader found in the O11 platform tables
 * @param derived what those tables did not hold here and was derived instead
 * @param estimatedSeconds total rows over {@code rowsPerSecond}, rounded up
 */
public record CheckReport(
    String environment,
    String stage,
    boolean canStart,
    List<String> found,
    List<String> derived,
    List<ModuleApp> modules,
    List<EntitySize> entities,
    List<String> blockers,
    List<String> modelDifferences,
    List<String> invalidEmails,
    List<Rewrite> rewrites,
    long totalRows,
    long totalBytes,
    long rowsPerSecond,
    long estimatedSeconds) {

  /**
   * An O11 application module and the stage app converted from it (null app: not converted there).
   */
  public record ModuleApp(String module, String moduleKey, String app, String schema) {}

  /** One entity to copy: its O11 table, rows and bytes of data. */
  public record EntitySize(String app, String entity, String sourceTable, long rows, long bytes) {}

  /** Source values the copy will write differently, per attribute. */
  public record Rewrite(
      String app, String entity, String attribute, Kind kind, long count, String becomes) {}

  /** Why a value is rewritten. */
  public enum Kind {
    NULL_VALUE,
    NUL_CHARACTER,
    DELETED_STATIC_RECORD,
    USER_OF_OTHER_TENANT,
    USER_MISSING
  }
}
