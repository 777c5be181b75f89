package org.odcmigrate.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.odcmigrate.config.ValuePolicy;
import org.odcmigrate.o11.SqlServerDialect;

/**
 * {@code migration.nullValues: keep} writes NULL where O11 holds one outside a reference. A stage
 * column declared NOT NULL cannot take it, and {@code convert} declares every such column NOT NULL
 * (O11 and ODC have no NULL there), so these NULLs are found before anything is written: a blocker
 * of {@code check} and of the migration's preparation, never a copy that fails half-way.
 */
final class KeptNulls {

  private KeptNulls() {}

  /** One line per attribute whose NULLs the policy keeps and its stage column refuses. */
  static List<String> problems(
      Connection source, Connection stage, List<EntityPlan> entities, ValuePolicy policy)
      throws SQLException {
    List<String> problems = new ArrayList<>();
    if (policy.nullValues() != ValuePolicy.NullValues.KEEP) {
      return problems;
    }
    for (EntityPlan entity : entities) {
      Set<String> notNull = notNullColumns(stage, entity);
      List<ColumnPlan> refusing =
          entity.columns().stream()
              .filter(c -> !c.reference() && !c.identifier())
              .filter(c -> notNull.contains(c.targetColumn()))
              .toList();
      if (refusing.isEmpty()) {
        continue;
      }
      long[] nulls = nullCounts(source, entity, refusing);
      for (int i = 0; i < refusing.size(); i++) {
        if (nulls[i] > 0) {
          ColumnPlan column = refusing.get(i);
          problems.add(
              entity.ref()
                  + "."
                  + column.attribute()
                  + ": "
                  + nulls[i]
                  + " NULL value(s), which migration.nullValues: keep would write into stage"
                  + " column "
                  + entity.targetSchema()
                  + "."
                  + entity.targetTable()
                  + "."
                  + column.targetColumn()
                  + ", declared NOT NULL: set migration.nullValues: default (the value the O11"
                  + " apps read), or allow NULL in that column");
        }
      }
    }
    return problems;
  }

  private static Set<String> notNullColumns(Connection stage, EntityPlan entity)
      throws SQLException {
    Set<String> columns = new HashSet<>();
    try (PreparedStatement ps =
        stage.prepareStatement(
            "SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? AND is_nullable = 'NO'")) {
      ps.setString(1, entity.targetSchema());
      ps.setString(2, entity.targetTable());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1));
        }
      }
    }
    return columns;
  }

  /** The NULLs of each column, counted by the source in one pass over the table. */
  private static long[] nullCounts(Connection source, EntityPlan entity, List<ColumnPlan> columns)
      throws SQLException {
    StringJoiner sums = new StringJoiner(", ");
    for (ColumnPlan column : columns) {
      sums.add(
          "SUM(CASE WHEN "
              + SqlServerDialect.quote(column.sourceColumn())
              + " IS NULL THEN 1 ELSE 0 END)");
    }
    long[] counts = new long[columns.size()];
    try (PreparedStatement ps =
            source.prepareStatement(
                "SELECT " + sums + " FROM " + SqlServerDialect.table(entity.sourceTable()));
        ResultSet rs = ps.executeQuery()) {
      if (rs.next()) {
        for (int i = 0; i < counts.length; i++) {
          counts[i] = rs.getLong(i + 1);
        }
      }
    }
    return counts;
  }
}
