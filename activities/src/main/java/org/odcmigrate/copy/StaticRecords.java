package org.odcmigrate.copy;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.odcmigrate.o11.SqlServerDialect;
import org.odcmigrate.plan.ColumnPlan;
import org.odcmigrate.plan.EntityPlan;
import org.odcmigrate.plan.ValueKind;

/**
 * Where each static reference of an entity points in the stage. Static records ship with the
 * converted code, whose environment's ids can differ from this one's, so an O11 record is matched
 * with the stage record of the same key (SS_Key) that the catalog recorded. A record the stage does
 * not hold (deleted in O11, or never published) has no target: the reference becomes NULL.
 */
final class StaticRecords {

  /** Per static reference column: O11 id to stage id. */
  private final Map<String, Map<Object, Object>> targetsByColumn;

  private StaticRecords(Map<String, Map<Object, Object>> targetsByColumn) {
    this.targetsByColumn = targetsByColumn;
  }

  static StaticRecords load(Connection stage, Connection source, EntityPlan plan)
      throws SQLException {
    Map<String, Map<Object, Object>> targets = new HashMap<>();
    for (ColumnPlan column : plan.columns()) {
      if (!column.pointsToStatic()) {
        continue;
      }
      Set<Object> held = stageIds(stage, column);
      Map<String, String> stageIdByKey = catalogKeys(stage, column.staticTarget());
      Map<Object, Object> byId = new HashMap<>();
      if (stageIdByKey.isEmpty()) {
        // A catalog without record keys (converted before they were kept): ids stay as they are.
        held.forEach(id -> byId.put(id, id));
      } else {
        sourceKeys(source, column.staticTarget())
            .forEach(
                (sourceId, key) -> {
                  String stageId = stageIdByKey.get(key);
                  Object target = stageId == null ? null : normalize(column.kind(), stageId);
                  if (target != null && held.contains(target)) {
                    byId.put(normalize(column.kind(), sourceId), target);
                  }
                });
      }
      targets.put(column.targetColumn(), byId);
    }
    return new StaticRecords(targets);
  }

  /**
   * Writes the static reference as the stage's id of the O11 record {@code value}, or NULL when the
   * stage holds none: returns how many references it set to NULL.
   */
  int write(ColumnPlan column, Object value, PgBinaryOutput out) throws IOException {
    Object target =
        targetsByColumn
            .getOrDefault(column.targetColumn(), Map.of())
            .get(normalize(column.kind(), value));
    if (target == null) {
      out.writeNull();
      return 1;
    }
    switch (column.kind()) {
      case INTEGER -> out.writeInt4(((Number) target).intValue());
      case LONG_INTEGER -> out.writeInt8(((Number) target).longValue());
      default -> out.writeText((String) target);
    }
    return 0;
  }

  private static Set<Object> stageIds(Connection stage, ColumnPlan column) throws SQLException {
    Set<Object> ids = new HashSet<>();
    try (Statement st = stage.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT "
                    + column.staticTarget().idColumn()
                    + " FROM "
                    + column.staticTarget().table())) {
      while (rs.next()) {
        ids.add(normalize(column.kind(), rs.getObject(1)));
      }
    }
    return ids;
  }

  private static Map<String, String> catalogKeys(Connection stage, ColumnPlan.StaticTarget target)
      throws SQLException {
    Map<String, String> ids = new HashMap<>();
    if (target.appKey() == null) {
      return ids; // a plan stored before targets named their catalog entity
    }
    try (PreparedStatement ps =
        stage.prepareStatement(
            "SELECT record_key, record_id FROM odc_catalog.static_record"
                + " WHERE app_key = ? AND entity_key = ?")) {
      ps.setString(1, target.appKey());
      ps.setString(2, target.entityKey());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
        }
      }
    }
    return ids;
  }

  /** O11's active records of the static entity: id to key. */
  private static Map<String, String> sourceKeys(Connection source, ColumnPlan.StaticTarget target)
      throws SQLException {
    Map<String, String> keys = new HashMap<>();
    try (PreparedStatement ps = source.prepareStatement(SqlServerDialect.staticRecordKeys())) {
      ps.setString(1, target.entityKey());
      ps.setString(2, target.moduleKey());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.put(rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT));
        }
      }
    }
    return keys;
  }

  /** Integer ids as longs, whatever type they were read as; text ids as they are. */
  private static Object normalize(ValueKind kind, Object value) {
    if (value == null) {
      return null;
    }
    if (kind == ValueKind.INTEGER || kind == ValueKind.LONG_INTEGER) {
      return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
    }
    return value.toString();
  }
}
