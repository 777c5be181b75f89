package org.odcmigrate.migration;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Counts the callers inside a section and remembers the highest count. The first {@code meet}
 * callers wait a little for each other, so a bound above one is actually reached, not just allowed.
 */
final class ConcurrencyGauge {

  private static final long MEET_WAIT_SECONDS = 5;

  private final CountDownLatch meeting;
  private int current;
  private int max;

  ConcurrencyGauge(int meet) {
    meeting = new CountDownLatch(Math.max(1, meet));
  }

  void enter() {
    synchronized (this) {
      current++;
      max = Math.max(max, current);
    }
    meeting.countDown();
    try {
      meeting.await(MEET_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  synchronized void exit() {
    current--;
  }

  synchronized int max() {
    return max;
  }
}
