package org.odcmigrate.api.problem;

import jakarta.ws.rs.core.Response;

/** Thrown by resources to answer with a problem document. */
public class ProblemException extends RuntimeException {

  private final Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail());
    this.problem = problem;
  }

  public ProblemException(Response.Status status, String kind, String detail) {
    this(Problem.of(status, kind, detail));
  }

  public Problem problem() {
    return problem;
  }
}
