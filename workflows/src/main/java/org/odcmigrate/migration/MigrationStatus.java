package org.odcmigrate.migration;

/** The state of a migration or of one of its apps. */
public enum MigrationStatus {
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED;

  public boolean isFinal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }
}
