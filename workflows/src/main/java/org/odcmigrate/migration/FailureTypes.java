package org.odcmigrate.migration;

import java.util.List;

/** The ApplicationFailure types that mean "the user must fix something": retrying cannot help. */
public final class FailureTypes {

  /** The request names something that is not configured or not allowed. */
  public static final String INVALID_REQUEST = "InvalidRequest";

  /** Preparation found problems (unpublished apps, model differences, blockers). */
  public static final String PLAN_REJECTED = "PlanRejected";

  /** A source value cannot be written to ODC as it is (named by table, column and key). */
  public static final String DATA_REJECTED = "DataRejected";

  /** Source and stage disagree after the copy (counts or checksums). */
  public static final String VERIFICATION_FAILED = "VerificationFailed";

  /** A database refused rows that break one of its constraints (SQLState class 23). */
  public static final String INTEGRITY_VIOLATED = "IntegrityViolated";

  /** A database refused a statement: an object is missing or the role lacks a right (class 42). */
  public static final String STATEMENT_REJECTED = "StatementRejected";

  /** A database refused the configured login or database name (SQLState class 28, 3D000). */
  public static final String LOGIN_REFUSED = "LoginRefused";

  /** An error of no known class came back attempt after attempt; its cause must be fixed. */
  public static final String ERROR_REPEATED = "ErrorRepeated";

  public static final List<String> NON_RETRYABLE =
      List.of(
          INVALID_REQUEST,
          PLAN_REJECTED,
          DATA_REJECTED,
          VERIFICATION_FAILED,
          INTEGRITY_VIOLATED,
          STATEMENT_REJECTED,
          LOGIN_REFUSED,
          ERROR_REPEATED);

  private FailureTypes() {}
}
