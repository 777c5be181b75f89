package org.odcmigrate.api.core;

import java.util.List;
import org.odcmigrate.migration.AppProgress;
import org.odcmigrate.migration.EntityResult;
import org.odcmigrate.migration.MigrationStatus;

/**
 * The entities of every app of a migration with their row counts: the portal's final list.
 *
 * @param live false when no worker answered, so the figures are the last ones kept
 * @param notLiveReason why the figures are not live; null when live
 */
public record MigrationEntities(
    String migrationId,
    MigrationStatus status,
    List<App> apps,
    boolean live,
    String notLiveReason) {

  /** One app's entities. */
  public record App(
      String appKey, String appName, MigrationStatus status, String error, List<Entity> entities) {}

  /**
   * One entity's copy.
   *
   * @param sourceRows rows of the O11 table, counted when the entity was verified
   * @param rowsWritten rows committed into the stage table (while copying: so far)
   * @param nulledReferences references set to NULL because their target does not exist in ODC
   * @param rangesKept key ranges an incremental run kept unchanged from the earlier migration
   * @param rangesCopied key ranges this migration copied from O11
   * @param rowsRecopied rows an incremental run copied again; 0 in a full run
   */
  public record Entity(
      String entityKey,
      String entityName,
      EntityResult.Status status,
      long sourceRows,
      long rowsWritten,
      long nulledReferences,
      String detail,
      int rangesKept,
      int rangesCopied,
      long rowsRecopied) {}

  static MigrationEntities of(MigrationView view) {
    return new MigrationEntities(
        view.id(),
        view.status(),
        view.apps().stream().map(MigrationEntities::app).toList(),
        view.live(),
        view.notLiveReason());
  }

  private static App app(AppProgress app) {
    return new App(
        app.appKey(),
        app.appName(),
        app.status(),
        app.error(),
        app.entities().stream()
            .map(
                e ->
                    new Entity(
                        e.entity().entityKey(),
                        e.entity().entityName(),
                        e.status(),
                        e.sourceRows(),
                        e.rowsWritten(),
                        e.nulledReferences(),
                        e.detail(),
                        e.rangesKept(),
                        e.rangesCopied(),
                        e.rowsRecopied()))
            .toList());
  }
}
