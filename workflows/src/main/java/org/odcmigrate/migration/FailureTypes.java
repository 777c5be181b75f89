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

  /** The database refuses the statement for good: integrity, data, schema or permission (SQLState 23, 22, 42, 28). */
  public static final String SQL_REFUSED = "SqlRefused";

  public static final List<String> NON_RETRYABLE =
      List.of(INVALID_REQUEST, PLAN_REJECTED, DATA_REJECTED, VERIFICATION_FAILED, SQL_REFUSED);

  private FailureTypes() {}
}
