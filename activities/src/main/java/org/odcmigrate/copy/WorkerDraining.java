package org.odcmigrate.copy;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Set when the worker process is asked to stop: a range copy then ends after the batch it is
 * committing, with a retryable failure, so another worker resumes it from its checkpoint at once
 * instead of waiting for a heartbeat timeout.
 */
public final class WorkerDraining {

  private final AtomicBoolean draining = new AtomicBoolean();

  public void start() {
    draining.set(true);
  }

  boolean isDraining() {
    return draining.get();
  }

  /** Thrown after the last batch a stopping worker commits; Temporal retries it elsewhere. */
  public static final class Released extends RuntimeException {
    Released(String message) {
      super(message);
    }
  }
}
