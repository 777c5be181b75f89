package org.odcmigrate.api.core;

/** What was asked needs a worker to answer, and none did: the answer is a 503. */
public class WorkerUnavailableException extends RuntimeException {

  public WorkerUnavailableException(String message) {
    super(message);
  }
}
