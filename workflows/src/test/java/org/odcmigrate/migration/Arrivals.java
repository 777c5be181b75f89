package org.odcmigrate.migration;

/** Counts activity calls that reached a point, so a test can wait until all of them did. */
final class Arrivals {

  private static final long TEST_WAIT_MILLIS = 15_000;

  private int count;

  synchronized void arrive() {
    count++;
    notifyAll();
  }

  /**
   * Waits on the test's side until {@code expected} calls arrived: failing beats hanging the build.
   */
  synchronized void await(int expected, String what) {
    long deadline = System.currentTimeMillis() + TEST_WAIT_MILLIS;
    try {
      while (count < expected) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          throw new AssertionError(
              "timed out waiting until " + what + " (" + count + " of " + expected + ")");
        }
        wait(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting until " + what, e);
    }
  }
}
