package org.odcmigrate.api.core;

/** An environment without a control cannot be started by odc-migrate. */
public class NoControlException extends RuntimeException {

  public NoControlException(String environment) {
    super(
        "environment "
            + environment
            + " has no control configured (control.type: database or webhook):"
            + " start it the way it was stopped");
  }
}
