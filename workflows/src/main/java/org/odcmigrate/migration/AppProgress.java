package org.odcmigrate.migration;

import java.util.List;

/**
 * Where one app's copy stands, or how it ended: its status, every entity's status and rows, and the
 * failure that stopped it, if any.
 */
public record AppProgress(
    String appKey,
    String appName,
    MigrationStatus status,
    List<EntityResult> entities,
    String error) {

  public int entitiesMigrated() {
    return (int) entities.stream().filter(e -> e.status() == EntityResult.Status.COMPLETED).count();
  }

  public long rowsWritten() {
    return entities.stream().mapToLong(EntityResult::rowsWritten).sum();
  }

  /**
   * The app after a cancel removed its copied data: no entity holds rows any more, whatever it had
   * reached, so each says what it had copied instead of showing rows that are gone.
   */
  AppProgress cancelled() {
    List<EntityResult> removed =
        entities.stream()
            .map(
                e ->
                    e.status() == EntityResult.Status.FAILED
                        ? e
                        : new EntityResult(
                            e.entity(),
                            EntityResult.Status.CANCELLED,
                            e.sourceRows(),
                            0,
                            0,
                            e.rowsWritten() > 0
                                ? e.rowsWritten()
                                    + " rows were copied, then removed when the migration was cancelled"
                                : "not copied: the migration was cancelled"))
            .toList();
    return new AppProgress(appKey, appName, MigrationStatus.CANCELLED, removed, null);
  }
}
