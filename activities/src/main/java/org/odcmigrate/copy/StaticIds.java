package org.odcmigrate.copy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.odcmigrate.plan.ColumnPlan;
import org.odcmigrate.plan.EntityPlan;

/** The ids of the static records present in the stage, per static reference column of an entity. */
final class StaticIds {

  private final Map<String, Set<Object>> idsByColumn;

  private StaticIds(Map<String, Set<Object>> idsByColumn) {
    this.idsByColumn = idsByColumn;
  }

  static StaticIds load(Connection stage, EntityPlan plan) throws SQLException {
    Map<String, Set<Object>> ids = new HashMap<>();
    for (ColumnPlan column : plan.columns()) {
      if (!column.pointsToStatic()) {
        continue;
      }
      Set<Object> values = new HashSet<>();
      try (Statement st = stage.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT "
                      + column.staticTarget().idColumn()
                      + " FROM "
                      + column.staticTarget().table())) {
        while (rs.next()) {
          values.add(normalize(rs.getObject(1)));
        }
      }
      ids.put(column.targetColumn(), values);
    }
    return new StaticIds(ids);
  }

  boolean contains(ColumnPlan column, Object value) {
    return idsByColumn.getOrDefault(column.targetColumn(), Set.of()).contains(normalize(value));
  }

  private static Object normalize(Object value) {
    return value instanceof Number n ? (Object) n.longValue() : value;
  }
}
