package org.odcmigrate.migration;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A one-shot gate that activity threads wait on until the test opens it. */
final class Gate {

  private final CountDownLatch latch = new CountDownLatch(1);

  void open() {
    latch.countDown();
  }

  boolean isOpen() {
    return latch.getCount() == 0;
  }

  /** Waits up to {@code millis}; true if the gate is open. */
  boolean waitFor(long millis) {
    try {
      return latch.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return isOpen();
    }
  }
}
