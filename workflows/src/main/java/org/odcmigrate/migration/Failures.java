package org.odcmigrate.migration;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;

/** Turns Temporal failure chains into the one message a user can act on. */
final class Failures {

  private Failures() {}

  /** The innermost application failure's message, or the deepest message in the chain. */
  static String userMessage(Throwable failure) {
    String message = failure.getMessage();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        return app.getOriginalMessage();
      }
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    return message;
  }

  static boolean isCancellation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CanceledFailure) {
        return true;
      }
    }
    return false;
  }
}
