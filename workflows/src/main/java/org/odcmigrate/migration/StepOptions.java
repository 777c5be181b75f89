package org.odcmigrate.migration;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Activity options per kind of step. Transient database errors are retried without limit (with
 * backoff up to a minute); the failure types of {@link FailureTypes} are never retried.
 */
final class StepOptions {

  private static final RetryOptions RETRY_TRANSIENT =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofMinutes(1))
          .setMaximumAttempts(0)
          .setDoNotRetry(FailureTypes.NON_RETRYABLE.toArray(String[]::new))
          .build();

  private StepOptions() {}

  /** Short catalog and control steps: minutes at most. */
  static ActivityOptions shortStep() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(10))
        .setRetryOptions(RETRY_TRANSIENT)
        .build();
  }

  /**
   * Preparation and end users: they scan whole O11 tables (blockers, orphans, users), which can
   * outlast any fixed limit on a large estate, so they heartbeat instead; nothing to wait for on
   * cancel, since they write only at their end.
   */
  static ActivityOptions scanStep(MigrationOptions options) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofHours(6))
        .setHeartbeatTimeout(options.heartbeatTimeout())
        .setRetryOptions(RETRY_TRANSIENT)
        .build();
  }

  /** Steps that scan whole tables (truncate, split, verify, validate keys): long, heartbeating. */
  static ActivityOptions tableStep(MigrationOptions options) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofHours(6))
        .setHeartbeatTimeout(options.heartbeatTimeout())
        .setRetryOptions(RETRY_TRANSIENT)
        // A cancelled migration deletes what it copied: a foreign key drop still running then would
        // undo that.
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .build();
  }

  /** A range copy: as long as it needs, but silent for no longer than the heartbeat timeout. */
  static ActivityOptions copyStep(MigrationOptions options) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofHours(24))
        .setHeartbeatTimeout(options.heartbeatTimeout())
        .setRetryOptions(RETRY_TRANSIENT)
        // Not waited for on cancel: a copy still committing a batch is safe, since the clean-up
        // takes its checkpoint row and table first and a later batch finds no checkpoint to claim.
        // (Waiting here also makes the Temporal test server, which dev runs, lose the workflow.)
        .build();
  }
}
