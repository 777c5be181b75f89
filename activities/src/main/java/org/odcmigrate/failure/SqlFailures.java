package org.odcmigrate.failure;

import com.microsoft.sqlserver.jdbc.SQLServerException;
import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Sorts SQL errors by whether a retry can help, by their SQLState class: lost connections,
 * serialization failures, deadlocks, exhausted resources and timeouts pass; integrity, data,
 * syntax and permission errors come back the same however often they are retried.
 */
public final class SqlFailures {

  /** What a retry can do about an SQL error. */
  public enum Kind {
    /** Connection loss, admin shutdown, serialization, deadlock, resources, timeouts: retry. */
    TRANSIENT(null),
    /** 23xxx: a constraint refuses the rows. */
    INTEGRITY("fix or remove the offending rows in O11 (or the stage's constraint), then migrate again"),
    /** 22xxx: a value does not fit its column. */
    DATA("fix the value in O11 or convert the stage's column to fit it, then migrate again"),
    /** 42xxx, 28xxx, 3Dxxx, 3Fxxx: the schema or the grants do not match what the migration needs. */
    SCHEMA_OR_PERMISSION("convert the app again if the stage's table or column is missing, or grant the login what"
        + " the error names (docs/operations.md, least-privilege grants), then migrate again"),
    /** Any other class: not known to be permanent, so retried as before. */
    UNKNOWN(null);

    private final String whatToDo;

    Kind(String whatToDo) {
      this.whatToDo = whatToDo;
    }

    public boolean retryable() {
      return whatToDo == null;
    }

    /** The user's next step; null for retryable kinds. */
    public String whatToDo() {
      return whatToDo;
    }
  }

  private SqlFailures() {}

  /** The first SQL error in {@code e}'s causes, if any. */
  public static Optional<SQLException> find(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof SQLException sql) {
        return Optional.of(sql);
      }
    }
    return Optional.empty();
  }

  /** The kind of an SQL error by its SQLState (SQL Server's generic states by their error numbers). */
  public static Kind classify(SQLException e) {
    String state = sqlState(e);
    if (state == null || state.length() < 2) {
      return Kind.UNKNOWN;
    }
    if (state.startsWith("57P0") || state.equals("57014") || state.equals("55P03") || state.equals("HY008")
        || state.equals("HYT00")) {
      return Kind.TRANSIENT; // admin shutdown, crash, cannot connect now; statement and lock timeouts
    }
    return switch (state.substring(0, 2)) {
      case "08", "40", "53" -> Kind.TRANSIENT;
      case "23" -> Kind.INTEGRITY;
      case "22" -> Kind.DATA;
      case "42", "28", "3D", "3F" -> Kind.SCHEMA_OR_PERMISSION;
      default -> Kind.UNKNOWN;
    };
  }

  /**
   * The message of a permanent SQL error: its class and SQLState, the object the server names
   * (schema, table, column, constraint), the server's text and what to do.
   */
  public static String describe(SQLException e, Kind kind) {
    StringBuilder text = new StringBuilder(kind.name().toLowerCase().replace('_', ' ')).append(" error (SQLState ")
        .append(sqlState(e)).append(")");
    String object = object(e);
    if (!object.isEmpty()) {
      text.append(" on ").append(object);
    }
    text.append(": ").append(e.getMessage()).append(". A retry cannot help: ").append(kind.whatToDo());
    return text.toString();
  }

  private static String object(SQLException e) {
    if (!(e instanceof PSQLException p) || p.getServerErrorMessage() == null) {
      return "";
    }
    ServerErrorMessage server = p.getServerErrorMessage();
    StringBuilder object = new StringBuilder();
    if (server.getTable() != null) {
      object.append("table ").append(server.getSchema() == null ? "" : server.getSchema() + ".").append(server.getTable());
    }
    if (server.getColumn() != null) {
      object.append(object.isEmpty() ? "" : ", ").append("column ").append(server.getColumn());
    }
    if (server.getConstraint() != null) {
      object.append(object.isEmpty() ? "" : ", ").append("constraint ").append(server.getConstraint());
    }
    return object.toString();
  }

  /**
   * SQL Server reports most server errors as S0001 or 23000 whatever they are: their error number
   * gives the class.
   */
  private static String sqlState(SQLException e) {
    if (e instanceof SQLServerException && e.getSQLState() != null && e.getSQLState().startsWith("S000")) {
      return switch (e.getErrorCode()) {
        case 1205 -> "40001"; // deadlock victim
        case 1222 -> "55P03"; // lock request timeout
        case 2601, 2627, 547, 515 -> "23000"; // unique key, foreign key or check, NULL into NOT NULL
        case 8114, 245, 8115, 241 -> "22000"; // conversion, overflow
        case 208, 207, 229, 230, 262, 102 -> "42000"; // unknown object or column, permission, syntax
        default -> e.getSQLState();
      };
    }
    return e.getSQLState();
  }
}
