package org.odcmigrate.api.auth;

/** The two roles of API tokens; {@code operator} can do everything {@code viewer} can. */
public final class Roles {

  /** Reads environments, stages, apps and migrations. */
  public static final String VIEWER = "viewer";

  /** Also starts and cancels migrations (and, later, starts environments). */
  public static final String OPERATOR = "operator";

  private Roles() {}

  /** True when a token of role {@code held} may call an endpoint that needs {@code needed}. */
  public static boolean allows(String held, String needed) {
    return held.equals(needed) || (OPERATOR.equals(held) && VIEWER.equals(needed));
  }
}
