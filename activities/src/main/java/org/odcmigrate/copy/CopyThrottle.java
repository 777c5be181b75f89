package org.odcmigrate.copy;

import java.sql.Connection;
import java.sql.SQLException;
import org.odcmigrate.migration.CopyControl;

/**
 * One range copy's view of its migration's live control, read from the stage before every batch:
 * whether to hand the range back for a pause, and its fair share of the row rate (the limit divided
 * by the copies running now), which bounds its batches to a second's worth and paces them.
 */
final class CopyThrottle {

  private final String migrationId;
  private final String copyId;
  private CopyControl control = new CopyControl(0, false, 0);
  private int share;
  private boolean registered;
  private long batchStartedAt;

  CopyThrottle(String migrationId, String copyId) {
    this.migrationId = migrationId;
    this.copyId = copyId;
  }

  /**
   * Reads the control in a transaction of its own on the stage connection the copy uses (between
   * two batches, none is open); true when the copy must hand its range back.
   */
  boolean paused(Connection stage) throws SQLException {
    control = CopyControlStore.read(stage, migrationId);
    if (control.maxRowsPerSecond() > 0) {
      int running = CopyControlStore.seen(stage, migrationId, copyId);
      registered = true;
      share = Math.max(1, control.maxRowsPerSecond() / running);
    }
    stage.commit();
    batchStartedAt = System.nanoTime();
    return control.paused();
  }

  /** The rows of the next batch: within the configured size and one second of this copy's share. */
  int batchRows(int configured) {
    return control.maxRowsPerSecond() > 0 ? Math.min(configured, share) : configured;
  }

  /**
   * After a committed batch of {@code rows}: waits until they fit this copy's share of the rate.
   */
  void pace(long rows) {
    if (control.maxRowsPerSecond() <= 0) {
      return;
    }
    long due = batchStartedAt + rows * 1_000_000_000L / share;
    long wait = due - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The copy ends: it no longer takes a share. */
  void done(Connection stage) {
    if (!registered) {
      return;
    }
    try {
      stage.rollback();
      CopyControlStore.gone(stage, migrationId, copyId);
      stage.commit();
    } catch (SQLException e) {
      // Best effort: a copy not seen for a few seconds no longer counts anyway.
    }
  }
}
