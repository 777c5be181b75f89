package org.odcmigrate.migration;

import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;

/**
 * The last progress, kept in the workflow's memo so that any API process reads it from Temporal's
 * describe while no worker answers a query, and after an API restart. Compact and bounded: the last
 * log lines, short texts, and per entity only its status and counts.
 */
public final class ProgressMemo {

  /**
   * The memo key of a migration's {@link MigrationProgress} and of an app's {@link AppProgress}.
   */
  public static final String KEY = "progress";

  /** The change id of keeping the memo, so histories recorded before it replay. */
  static final String CHANGE_ID = "progress-memo";

  static final int LOG_LINES = 20;
  static final int TEXT_CHARS = 300;

  private final boolean kept;

  private ProgressMemo(boolean kept) {
    this.kept = kept;
  }

  /** Decided once per run, at its start: runs started before the memo existed keep none. */
  static ProgressMemo forThisRun() {
    return new ProgressMemo(
        Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION);
  }

  void keep(MigrationProgress progress) {
    if (kept) {
      Workflow.upsertMemo(Map.of(KEY, compact(progress)));
    }
  }

  void keep(AppProgress app) {
    if (kept) {
      Workflow.upsertMemo(Map.of(KEY, compact(app)));
    }
  }

  static MigrationProgress compact(MigrationProgress p) {
    List<LogLine> log = p.log().subList(Math.max(0, p.log().size() - LOG_LINES), p.log().size());
    return new MigrationProgress(
        p.migrationId(),
        p.sourceEnvironment(),
        p.targetStage(),
        p.phase(),
        p.status(),
        p.startedAt(),
        p.finishedAt(),
        p.entitiesTotal(),
        p.entitiesMigrated(),
        p.rowsWritten(),
        p.usersMigrated(),
        p.apps().stream().map(ProgressMemo::compact).toList(),
        log.stream().map(l -> new LogLine(l.time(), l.level(), shortened(l.message()))).toList(),
        shortened(p.error()));
  }

  static AppProgress compact(AppProgress app) {
    return new AppProgress(
        app.appKey(),
        app.appName(),
        app.status(),
        app.entities().stream()
            .map(
                e ->
                    new EntityResult(
                        e.entity(),
                        e.status(),
                        e.sourceRows(),
                        e.rowsWritten(),
                        e.nulledReferences(),
                        e.status() == EntityResult.Status.FAILED ? shortened(e.detail()) : null))
            .toList(),
        shortened(app.error()));
  }

  private static String shortened(String text) {
    return text == null || text.length() <= TEXT_CHARS
        ? text
        : text.substring(0, TEXT_CHARS - 1) + "…";
  }
}
