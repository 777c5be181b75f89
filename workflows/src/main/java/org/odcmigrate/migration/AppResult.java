package org.odcmigrate.migration;

import java.util.List;

/** What happened to one app: every entity's result, and the failure that stopped it, if any. */
public record AppResult(String appKey, String appName, MigrationStatus status, List<EntityResult> entities, String error) {

  public long rowsWritten() {
    return entities.stream().mapToLong(EntityResult::rowsWritten).sum();
  }
}
