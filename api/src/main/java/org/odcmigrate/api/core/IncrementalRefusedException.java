package org.odcmigrate.api.core;

/** An incremental run has no earlier migration to build on; the message says why. */
public class IncrementalRefusedException extends RuntimeException {

  public IncrementalRefusedException(String reason) {
    super(reason);
  }
}
