package org.odcmigrate.api.core;

/** An O11 environment's database does not answer, so what was asked of it cannot be read. */
public class EnvironmentUnavailableException extends RuntimeException {

  public EnvironmentUnavailableException(String what, Throwable cause) {
    super(what + " cannot be read: " + cause.getMessage(), cause);
  }
}
