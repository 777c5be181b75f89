package org.odcmigrate.migration;

/** The state of a migration or of one of its apps. */
public enum MigrationStatus {
  PENDING,
  /** Waiting for its scheduled start. */
  SCHEDULED,
  RUNNING,
  /** Holding: no new work starts, running copies handed their ranges back. */
  PAUSED,
  COMPLETED,
  FAILED,
  CANCELLED;

  public boolean isFinal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }
}
