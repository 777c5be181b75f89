package org.odcmigrate.api.core;

/** A stage's database does not answer, so its migrations cannot be read. */
public class StageUnavailableException extends RuntimeException {

  public StageUnavailableException(String stage, Throwable cause) {
    super("stage " + stage + " cannot be read: " + cause.getMessage(), cause);
  }
}
