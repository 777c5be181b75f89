package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares every table of a stage, row by row, with its O11 table, by an expectation written from
 * what O11 stores and ODC expects, independent of the copy engine's code: what a user means by "the
 * data moved".
 */
final class StageComparison {

  private final Connection source;
  private final Connection target;
  private final String environment;

  StageComparison(Connection source, Connection target, String environment) {
    this.source = source;
    this.target = target;
    this.environment = environment;
  }

  /**
   * Compares every planned stage table with its O11 table; returns rows compared per App.Entity.
   */
  Map<String, Long> compareEveryTable() throws SQLException {
    Map<String, Long> compared = new TreeMap<>();
    Map<Integer, java.util.UUID> users = userMap(target);
    List<String[]> entities =
        query(
            target,
            "SELECT a.name, a.schema_name, a.source_module_key, e.entity_key, e.name,"
                + " e.table_name FROM odc_catalog.app a JOIN odc_catalog.entity e USING (app_key) WHERE NOT e.is_static");
    for (String[] e : entities) {
      String tableName =
          query(
                  source,
                  "SELECT en.[Physical_Table_Name] FROM [ossys_Entity] en JOIN [ossys_Espace] es"
                      + " ON es.[Id] = en.[Espace_Id] WHERE es.[SS_Key] = '"
                      + e[2]
                      + "' AND en.[SS_Key] = '"
                      + e[3]
                      + "'")
              .get(0)[0];
      List<String[]> attributes =
          query(
              target,
              "SELECT at.attribute_key, at.column_name, at.data_type, at.is_identifier"
                  + " FROM odc_catalog.attribute at WHERE at.entity_key = '"
                  + e[3]
                  + "' ORDER BY at.position");
      List<String> sourceColumns = new ArrayList<>();
      List<String> targetColumns = new ArrayList<>();
      List<String> types = new ArrayList<>();
      int idIndex = -1;
      for (String[] a : attributes) {
        sourceColumns.add(
            query(
                    source,
                    "SELECT at.[Database_Name] FROM [ossys_Entity_Attr] at JOIN [ossys_Entity] en"
                        + " ON en.[Id] = at.[Entity_Id] WHERE at.[SS_Key] = '"
                        + a[0]
                        + "' AND en.[SS_Key] = '"
                        + e[3]
                        + "'"
                        + " AND at.[Is_Active] = 1")
                .get(0)[0]);
        targetColumns.add(a[1]);
        types.add(a[2]);
        if ("t".equals(a[3]) || "true".equals(a[3])) {
          idIndex = targetColumns.size() - 1;
        }
      }
      Map<String, List<Object>> expected = new LinkedHashMap<>();
      String select =
          "SELECT "
              + String.join(", ", sourceColumns.stream().map(c -> "[" + c + "]").toList())
              + " FROM ["
              + tableName
              + "]";
      try (PreparedStatement ps = source.prepareStatement(select);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 0; i < types.size(); i++) {
            row.add(expectedValue(source, rs, i + 1, types.get(i), users));
          }
          expected.put(String.valueOf(row.get(idIndex)), row);
        }
      }
      Map<String, List<Object>> actual = new LinkedHashMap<>();
      String targetSelect =
          "SELECT "
              + String.join(", ", targetColumns.stream().map(c -> "\"" + c + "\"").toList())
              + " FROM \""
              + e[1]
              + "\".\""
              + e[5]
              + "\"";
      try (PreparedStatement ps = target.prepareStatement(targetSelect);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 0; i < types.size(); i++) {
            row.add(actualValue(rs, i + 1, types.get(i)));
          }
          actual.put(String.valueOf(row.get(idIndex)), row);
        }
      }
      assertThat(actual).as("rows of %s.%s", e[0], e[4]).hasSameSizeAs(expected);
      for (Map.Entry<String, List<Object>> row : expected.entrySet()) {
        assertThat(actual.get(row.getKey()))
            .as("%s.%s id %s", e[0], e[4], row.getKey())
            .isEqualTo(row.getValue());
      }
      compared.put(e[0] + "." + e[4], (long) expected.size());
    }
    return compared;
  }

  /** What the stage must hold for a source value of this O11 type (O11 defaults, UTC, user ids). */
  private Object expectedValue(
      Connection source, ResultSet rs, int i, String type, Map<Integer, java.util.UUID> users)
      throws SQLException {
    Object value = rs.getObject(i);
    if (value == null) {
      return null;
    }
    if (type.startsWith("bt")) {
      String entityKey = type.substring(type.indexOf('*') + 1);
      if (isUserEntity(source, entityKey)) {
        return users.get(rs.getInt(i)); // a user not migrated has no ODC id: NULL
      }
      if (staticRecordIds(source, entityKey) != null) {
        return staticRecordIds(source, entityKey).contains(((Number) value).longValue())
            ? ((Number) value).longValue()
            : null;
      }
      return value instanceof Number n ? (Object) n.longValue() : value;
    }
    return switch (type) {
      case "rtInteger", "rtLongInteger" -> ((Number) value).longValue();
      case "rtDecimal", "rtCurrency" -> ((BigDecimal) value).toPlainString();
      case "rtDateTime" ->
          rs.getObject(i, LocalDateTime.class); // the sample environment runs in UTC
      case "rtDate" -> rs.getObject(i, LocalDateTime.class).toLocalDate();
      case "rtTime" -> rs.getObject(i, LocalDateTime.class).toLocalTime();
      case "rtBinaryData" -> HexFormat.of().formatHex(rs.getBytes(i));
      case "rtBoolean" -> rs.getBoolean(i);
      default -> rs.getString(i);
    };
  }

  private static Object actualValue(ResultSet rs, int i, String type) throws SQLException {
    Object value = rs.getObject(i);
    if (value == null) {
      return null;
    }
    if (type.startsWith("bt")) {
      return value instanceof Number n ? (Object) n.longValue() : value;
    }
    return switch (type) {
      case "rtInteger", "rtLongInteger" -> ((Number) value).longValue();
      case "rtDecimal", "rtCurrency" -> ((BigDecimal) value).toPlainString();
      case "rtDateTime" -> rs.getObject(i, LocalDateTime.class);
      case "rtDate" -> rs.getObject(i, java.time.LocalDate.class);
      case "rtTime" -> rs.getObject(i, LocalTime.class);
      case "rtBinaryData" -> HexFormat.of().formatHex(rs.getBytes(i));
      case "rtBoolean" -> rs.getBoolean(i);
      default -> rs.getString(i);
    };
  }

  private final Map<String, Set<Long>> staticIds = new HashMap<>();

  /** The ids of the active records of a static entity, or null when the entity is not static. */
  private Set<Long> staticRecordIds(Connection source, String entityKey) throws SQLException {
    if (!staticIds.containsKey(entityKey)) {
      boolean isStatic =
          !query(
                  source,
                  "SELECT 1 FROM [ossys_Entity] WHERE [SS_Key] = '"
                      + entityKey
                      + "' AND [Data_Kind] = 'staticEntity'")
              .isEmpty();
      Set<Long> ids = null;
      if (isStatic) {
        ids = new HashSet<>();
        for (String[] r :
            query(
                source,
                "SELECT [Data_Id] FROM [ossys_Entity_Record] WHERE [Entity_SS_Key] = '"
                    + entityKey
                    + "' AND [Is_Active] = 1")) {
          ids.add(Long.parseLong(r[0]));
        }
      }
      staticIds.put(entityKey, ids);
    }
    return staticIds.get(entityKey);
  }

  private static boolean isUserEntity(Connection source, String entityKey) throws SQLException {
    return !query(
            source,
            "SELECT 1 FROM [ossys_Entity] WHERE [SS_Key] = '"
                + entityKey
                + "' AND [Physical_Table_Name] = 'ossys_User'")
        .isEmpty();
  }

  private Map<Integer, java.util.UUID> userMap(Connection target) throws SQLException {
    Map<Integer, java.util.UUID> users = new HashMap<>();
    try (PreparedStatement ps =
            target.prepareStatement(
                "SELECT o11_user_id, user_id FROM odc_identity.user_map WHERE source_environment = '"
                    + environment
                    + "'");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        users.put(rs.getInt(1), rs.getObject(2, java.util.UUID.class));
      }
    }
    return users;
  }

  static List<String[]> query(Connection connection, String sql) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        String[] row = new String[n];
        for (int i = 0; i < n; i++) {
          row[i] = rs.getString(i + 1);
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
