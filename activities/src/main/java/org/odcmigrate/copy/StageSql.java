package org.odcmigrate.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.StringJoiner;
import org.odcmigrate.config.StageSessionSettings;
import org.odcmigrate.odc.StageNames;
import org.odcmigrate.plan.ColumnPlan;
import org.odcmigrate.plan.EntityPlan;

/** The PostgreSQL statements the copy runs against a stage table, in one place. */
final class StageSql {

  private StageSql() {}

  /** {@code table (col, ...)} over the plan's target columns, in the plan's order. */
  static String tableAndColumns(EntityPlan plan) {
    return plan.qualifiedTarget() + " (" + columnList(plan) + ")";
  }

  /** {@code col, ...} over the plan's target columns, in the plan's order. */
  static String columnList(EntityPlan plan) {
    StringJoiner columns = new StringJoiner(", ");
    plan.columns().forEach(c -> columns.add(StageNames.quote(c.targetColumn())));
    return columns.toString();
  }

  static String copyIn(EntityPlan plan) {
    return "COPY " + tableAndColumns(plan) + " FROM STDIN (FORMAT binary)";
  }

  static String copyOut(String tableAndColumns) {
    return "COPY " + tableAndColumns + " TO STDOUT (FORMAT binary)";
  }

  /**
   * A stage table up to this size (heap, TOAST and indexes) is emptied by DELETE: TRUNCATE creates
   * and removes files, about 3 ms whatever the size, while deleting a few hundred rows takes a
   * tenth of that; an estate's many small entities add that up. The dead rows left are at most this
   * much, for autovacuum.
   */
  static final long DELETE_UP_TO_BYTES = 1L << 20;

  /** Empties the table in the caller's transaction: DELETE when it is small, else TRUNCATE. */
  static void empty(Connection stage, EntityPlan plan) throws SQLException {
    long bytes;
    try (PreparedStatement ps =
        stage.prepareStatement("SELECT pg_total_relation_size(?::regclass)")) {
      ps.setString(1, plan.qualifiedTarget());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        bytes = rs.getLong(1);
      }
    }
    StageSessionSettings.limitLockWait(stage);
    try (Statement st = stage.createStatement()) {
      st.execute(
          (bytes <= DELETE_UP_TO_BYTES ? "DELETE FROM " : "TRUNCATE ") + plan.qualifiedTarget());
    }
  }

  /** Moves the identity's sequence past the largest copied id (to 1, unused, on an empty table). */
  static String advanceIdentity(EntityPlan plan) {
    String table = plan.qualifiedTarget();
    String idColumn = StageNames.quote(plan.identifier().targetColumn());
    return "SELECT setval(pg_get_serial_sequence('"
        + table.replace("'", "''")
        + "', '"
        + plan.identifier().targetColumn().replace("'", "''")
        + "'), coalesce((SELECT max("
        + idColumn
        + ") FROM "
        + table
        + "), 1), (SELECT max("
        + idColumn
        + ") IS NOT NULL FROM "
        + table
        + "))";
  }

  static String analyze(EntityPlan plan) {
    return "ANALYZE " + plan.qualifiedTarget();
  }

  /** The non-NULL values of each column, in one scan. */
  static String countValues(EntityPlan plan, List<ColumnPlan> columns) {
    return "SELECT "
        + String.join(
            ", ",
            columns.stream().map(c -> "count(" + StageNames.quote(c.targetColumn()) + ")").toList())
        + " FROM "
        + plan.qualifiedTarget();
  }
}
