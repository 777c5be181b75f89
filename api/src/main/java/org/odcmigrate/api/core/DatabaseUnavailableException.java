package org.odcmigrate.api.core;

/** The environment or the stage a check reads does not answer (the driver cannot tell which). */
public class DatabaseUnavailableException extends RuntimeException {

  public DatabaseUnavailableException(String what, Throwable cause) {
    super(what + " cannot be read: " + cause.getMessage(), cause);
  }
}
