package org.odcmigrate.migration;

import java.util.List;

/** Where one app's copy stands: its status and every entity's status and rows. */
public record AppProgress(
    String appKey, String appName, MigrationStatus status, List<EntityResult> entities, String error) {

  public int entitiesMigrated() {
    return (int) entities.stream().filter(e -> e.status() == EntityResult.Status.COMPLETED).count();
  }

  public long rowsWritten() {
    return entities.stream().mapToLong(EntityResult::rowsWritten).sum();
  }
}
