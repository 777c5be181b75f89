package org.odcmigrate.api.core;

/**
 * What was asked cannot be done in the migration's present state: a stage already runs one, or the
 * one to cancel is not running.
 *
 * @see Kind
 */
public class MigrationConflictException extends RuntimeException {

  /** Which state stood in the way. */
  public enum Kind {
    RUNNING("migration-running"),
    NOT_RUNNING("migration-not-running");

    private final String problem;

    Kind(String problem) {
      this.problem = problem;
    }

    /** The problem type's last segment, as in {@code /problems/migration-running}. */
    public String problem() {
      return problem;
    }
  }

  private final Kind kind;
  private final String migrationId;

  public MigrationConflictException(Kind kind, String migrationId, String message) {
    super(message);
    this.kind = kind;
    this.migrationId = migrationId;
  }

  public Kind kind() {
    return kind;
  }

  /** The migration in the way (the running one), or the one asked about; null when unknown. */
  public String migrationId() {
    return migrationId;
  }
}
