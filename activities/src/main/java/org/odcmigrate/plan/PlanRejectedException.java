package org.odcmigrate.plan;

import java.util.List;

/** Preparation found problems the user must fix; the message lists all of them. */
public final class PlanRejectedException extends RuntimeException {

  private final List<String> problems;

  public PlanRejectedException(List<String> problems) {
    super(
        "The migration cannot start: "
            + problems.size()
            + " problem(s) to fix:\n- "
            + String.join("\n- ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
