package org.odcmigrate.failure;

import com.microsoft.sqlserver.jdbc.SQLServerException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.util.Optional;
import java.util.Set;
import org.odcmigrate.copy.ConcurrentCopyException;
import org.odcmigrate.copy.WorkerDraining;
import org.odcmigrate.migration.FailureTypes;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Says whether a retry can help a SQL error, from its SQLState (PostgreSQL, the JDBC standard) or
 * SQL Server's error number, and what the user must do when it cannot. Used by every activity,
 * through {@link ActivityRunner}.
 */
public final class SqlErrors {

  /** A non-retryable SQL error: its failure type and the message that says what to do. */
  public record Rejection(String type, String message) {}

  // SQL Server numbers that mssql-jdbc reports with a generic SQLState (S0001, S0002, 23000,
  // 42000).
  private static final Set<Integer> SQL_SERVER_RETRY =
      Set.of(1205, 1222, -2, 10928, 10929, 40197, 40501, 40613, 49918);
  private static final Set<Integer> SQL_SERVER_INTEGRITY = Set.of(547, 2601, 2627, 515);
  private static final Set<Integer> SQL_SERVER_DATA =
      Set.of(8152, 2628, 245, 8114, 8115, 241, 242, 220, 232);
  // Login failed, disabled, locked out, password expired or to be changed.
  private static final Set<Integer> SQL_SERVER_LOGIN = Set.of(18456, 18470, 18486, 18487, 18488);
  private static final Set<Integer> SQL_SERVER_STATEMENT =
      Set.of(102, 156, 207, 208, 229, 230, 262, 297, 300, 916);

  private SqlErrors() {}

  /** The first SQL error in a chain of causes, the one that says what the database refused. */
  public static Optional<SQLException> find(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql) {
        return Optional.of(sql);
      }
    }
    return Optional.empty();
  }

  /**
   * Empty when a retry may help: a lost connection, a deadlock, a full disk, a timeout, or an error
   * we do not know.
   */
  public static Optional<Rejection> rejection(SQLException e) {
    String state = state(e);
    int code = e.getErrorCode();
    if (retryable(e, state, code)) {
      return Optional.empty();
    }
    if (loginRefused(e, state, code)) {
      return Optional.of(
          new Rejection(
              FailureTypes.LOGIN_REFUSED,
              describe(e, true)
                  + ". The database refuses the configured login: check the url, user and"
                  + " password of this environment or stage in the worker's configuration (and"
                  + " that the login is enabled and the database exists), then start the migration"
                  + " again"));
    }
    if (state.startsWith("23") || (isSqlServer(e) && SQL_SERVER_INTEGRITY.contains(code))) {
      return Optional.of(
          new Rejection(
              FailureTypes.INTEGRITY_VIOLATED,
              describe(e)
                  + ". The data breaks a constraint:"
                  + " correct the rows named here in the O11 environment (or the constraint in the stage), then start the"
                  + " migration again"));
    }
    if (state.startsWith("22") || (isSqlServer(e) && SQL_SERVER_DATA.contains(code))) {
      return Optional.of(
          new Rejection(
              FailureTypes.DATA_REJECTED,
              describe(e)
                  + ". A value does not fit its column:"
                  + " correct it in the O11 environment or widen the column in the app, then start the migration again"));
    }
    if (state.equals("42501")
        || (isSqlServer(e)
            && (code == 229
                || code == 230
                || code == 262
                || code == 297
                || code == 300
                || code == 916))) {
      return Optional.of(
          new Rejection(
              FailureTypes.STATEMENT_REJECTED,
              describe(e)
                  + ". The migration's database"
                  + " role lacks a right: grant it as docs/operations.md (Security) lists, then start the migration again"));
    }
    if (state.startsWith("42") || (isSqlServer(e) && SQL_SERVER_STATEMENT.contains(code))) {
      return Optional.of(
          new Rejection(
              FailureTypes.STATEMENT_REJECTED,
              describe(e)
                  + ". The database does not have"
                  + " what the plan expects (a table, column or type is missing or renamed): publish or convert the app"
                  + " again so the stage matches the O11 model, then start the migration again"));
    }
    return Optional.empty();
  }

  /**
   * True when a retry is known to help: a SQL error of a transient class (see {@link #rejection}),
   * a network or stream error, or the copy's own hand-overs (a stopping worker, a concurrent
   * attempt); never for an error of no known class.
   */
  public static boolean transientFailure(Throwable e) {
    Optional<SQLException> sql = find(e);
    if (sql.isPresent()) {
      return retryable(sql.get(), state(sql.get()), sql.get().getErrorCode());
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException
          || t instanceof WorkerDraining.Released
          || t instanceof ConcurrentCopyException) {
        return true;
      }
    }
    return false;
  }

  private static boolean retryable(SQLException e, String state, int code) {
    // Checked first: a pool that timed out waiting for a connection reports its last connection
    // failure's state in a transient exception, and a refused login never passes by itself.
    if (loginRefused(e, state, code)) {
      return false;
    }
    // "Cannot open database": a failover in progress, or a misspelt name. Neither known transient
    // nor refused, so it is retried until it comes back too often (ActivityRunner).
    if (isSqlServer(e) && code == 4060) {
      return false;
    }
    if (state.startsWith("08")
        || state.equals("57P01")
        || state.equals("57P02")
        || state.equals("57P03")
        || state.equals("40001")
        || state.equals("40P01")
        || state.equals("55P03")
        || state.startsWith("53")
        || state.equals("57014")
        || state.equals("HYT00")
        || state.equals("HYT01")
        || state.equals("HY008")) {
      return true;
    }
    if (isSqlServer(e) && SQL_SERVER_RETRY.contains(code)) {
      return true;
    }
    return e instanceof SQLTransientException
        || e instanceof SQLRecoverableException
        || e instanceof SQLTimeoutException;
  }

  /** Authentication refused (class 28) or no such database (3D000), by any driver or pool. */
  private static boolean loginRefused(SQLException e, String state, int code) {
    return state.startsWith("28")
        || state.equals("3D000")
        || (isSqlServer(e) && SQL_SERVER_LOGIN.contains(code));
  }

  /** mssql-jdbc's errors, whose SQLState (S0001, S0002...) says less than the error number. */
  private static boolean isSqlServer(SQLException e) {
    return e instanceof SQLServerException || state(e).startsWith("S0");
  }

  private static String state(SQLException e) {
    return e.getSQLState() == null ? "" : e.getSQLState();
  }

  private static String describe(SQLException e) {
    return describe(e, false);
  }

  /**
   * The driver's message, with the object PostgreSQL names beside it (table, column, constraint),
   * and with the messages of its causes when asked (a pool's names the pool, its cause what the
   * server said).
   */
  private static String describe(SQLException e, boolean causes) {
    StringBuilder text = new StringBuilder(oneLine(e.getMessage()));
    for (Throwable t = e.getCause(); causes && t != null && t != t.getCause(); t = t.getCause()) {
      if (t.getMessage() != null && !text.toString().contains(oneLine(t.getMessage()))) {
        text.append(": ").append(oneLine(t.getMessage()));
      }
    }
    if (e instanceof PSQLException pg && pg.getServerErrorMessage() != null) {
      ServerErrorMessage server = pg.getServerErrorMessage();
      // pgjdbc's message already carries the detail; the table and constraint are separate fields.
      String table =
          server.getTable() == null
              ? null
              : (server.getSchema() == null ? "" : server.getSchema() + ".") + server.getTable();
      if (table != null && !text.toString().contains(table)) {
        text.append(" (table ").append(table);
        if (server.getColumn() != null) {
          text.append(", column ").append(server.getColumn());
        }
        if (server.getConstraint() != null && !text.toString().contains(server.getConstraint())) {
          text.append(", constraint ").append(server.getConstraint());
        }
        text.append(')');
      }
    }
    String state = state(e);
    text.append(" [SQLState ").append(state.isEmpty() ? "none" : state);
    if (e.getErrorCode() != 0) {
      text.append(", error ").append(e.getErrorCode());
    }
    return text.append(']').toString();
  }

  private static String oneLine(String message) {
    return String.valueOf(message).strip().replaceAll("\\s*\\n\\s*", " ");
  }
}
