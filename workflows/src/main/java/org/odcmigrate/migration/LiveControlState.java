package org.odcmigrate.migration;

import java.time.Instant;

/**
 * What an operator set on a running migration: pause, limits, scheduled start. The parent passes it
 * whole to its app children, which keep the newest {@code revision}.
 *
 * @param revision grows with every change, so a late relay never undoes a newer one
 * @param pausedSince when the pause was asked; null when not paused
 * @param limits the limits in force
 * @param scheduledStart when the migration starts or started; null when it started at once
 */
public record LiveControlState(
    long revision,
    boolean paused,
    Instant pausedSince,
    String pausedBy,
    String pauseReason,
    Limits limits,
    Instant scheduledStart) {

  static LiveControlState initial(MigrationOptions options, Instant scheduledStart) {
    return new LiveControlState(0, false, null, null, null, Limits.of(options), scheduledStart);
  }

  LiveControlState paused(PauseRequest request, Instant now) {
    return new LiveControlState(
        revision + 1, true, now, request.by(), request.reason(), limits, scheduledStart);
  }

  LiveControlState resumed() {
    return new LiveControlState(revision + 1, false, null, null, null, limits, scheduledStart);
  }

  LiveControlState limited(Limits change) {
    return new LiveControlState(
        revision + 1,
        paused,
        pausedSince,
        pausedBy,
        pauseReason,
        limits.with(change),
        scheduledStart);
  }

  /** What the copies running on workers read from the stage. */
  CopyControl copyControl() {
    return new CopyControl(revision, paused, limits.maxRowsPerSecond());
  }
}
