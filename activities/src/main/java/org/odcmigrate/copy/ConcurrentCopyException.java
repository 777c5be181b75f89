package org.odcmigrate.copy;

/** Another attempt of the same range copy committed first; this attempt's batch was rolled back. */
public final class ConcurrentCopyException extends RuntimeException {

  ConcurrentCopyException(String message) {
    super(message);
  }
}
