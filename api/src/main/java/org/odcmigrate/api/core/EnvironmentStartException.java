package org.odcmigrate.api.core;

/**
 * Starting an environment again did not end well within the wait: still under way, or failed.
 *
 * @see Kind
 */
public class EnvironmentStartException extends RuntimeException {

  /** How the start workflow stood when the API stopped waiting. */
  public enum Kind {
    PENDING("start-pending"),
    FAILED("start-failed");

    private final String problem;

    Kind(String problem) {
      this.problem = problem;
    }

    /** The problem type's last segment, as in {@code /problems/start-failed}. */
    public String problem() {
      return problem;
    }
  }

  private final Kind kind;

  public EnvironmentStartException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
