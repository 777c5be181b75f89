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

  /**
   * Each upsert is a history event holding the whole memo: beyond this many entities, only those
   * being copied or stopped are listed (the totals stay exact), so a large plan's history stays
   * small. The API adds the rows committed by any entity the memo has not listed as copying yet.
   */
  static final int ENTITIES_LISTED = 100;

  /** An app's copy keeps its entities at most this often, and whenever none is being copied. */
  static final long APP_INTERVAL_MILLIS = 10_000;

  private final boolean kept;
  private long lastAppKept = Long.MIN_VALUE;

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

  /** Keeps an app's entities; unless {@code now}, not again within {@link #APP_INTERVAL_MILLIS}. */
  void keep(AppProgress app, boolean now) {
    long time = Workflow.currentTimeMillis();
    if (kept && (now || time - lastAppKept >= APP_INTERVAL_MILLIS)) {
      lastAppKept = time;
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
        p.apps().stream().map(a -> compact(a, p.entitiesTotal())).toList(),
        log.stream().map(l -> new LogLine(l.time(), l.level(), shortened(l.message()))).toList(),
        shortened(p.error()),
        p.control());
  }

  static AppProgress compact(AppProgress app) {
    return compact(app, app.entities().size());
  }

  private static AppProgress compact(AppProgress app, int entitiesInMemo) {
    return new AppProgress(
        app.appKey(),
        app.appName(),
        app.status(),
        app.entities().stream()
            .filter(e -> entitiesInMemo <= ENTITIES_LISTED || isActiveOrStopped(e))
            .limit(ENTITIES_LISTED)
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

  private static boolean isActiveOrStopped(EntityResult e) {
    return e.status() != EntityResult.Status.PENDING && e.status() != EntityResult.Status.COMPLETED;
  }

  private static String shortened(String text) {
    return text == null || text.length() <= TEXT_CHARS
        ? text
        : text.substring(0, TEXT_CHARS - 1) + "…";
  }
}
