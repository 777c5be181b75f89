package org.odcmigrate.sample;

import static org.odcmigrate.sample.SampleSchema.quote;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odcmigrate.sample.SampleRows.Rows;
import org.odcmigrate.sample.SampleSchema.Entity;

/**
 * Writes the sample's rows over plain JDBC in batches, committing as it goes, and counts the rows
 * of each entity table.
 */
final class SampleWriter {

  private static final int BATCH_SIZE = 500;

  private final Connection connection;
  private final Map<String, Long> rowCounts = new LinkedHashMap<>();

  SampleWriter(Connection connection) {
    this.connection = connection;
  }

  Connection connection() {
    return connection;
  }

  /** The rows of each entity table written so far. */
  Map<String, Long> rowCounts() {
    return rowCounts;
  }

  /** Corrects a table's count by rows changed outside {@link #insertData}. */
  void count(String table, long delta) {
    rowCounts.merge(table, delta, Long::sum);
  }

  long[] insertAndReadIds(Entity entity, Rows data) throws SQLException {
    insertData(entity, data);
    String id = quote(entity.identifier().column());
    return readIds("SELECT " + id + " FROM " + quote(entity.table()) + " ORDER BY " + id);
  }

  void insertData(Entity entity, Rows data) throws SQLException {
    rowCounts.merge(entity.table(), insert(entity.table(), data), Long::sum);
  }

  /** Batch insert; every row must have the same columns as the first one. */
  long insert(String table, Rows data) throws SQLException {
    if (data.count() == 0) {
      return 0;
    }
    Map<String, Object> first = data.row().apply(0);
    List<String> columns = List.copyOf(first.keySet());
    String sql =
        "INSERT INTO "
            + quote(table)
            + " ("
            + String.join(", ", columns.stream().map(SampleSchema::quote).toList())
            + ") VALUES ("
            + String.join(", ", Collections.nCopies(columns.size(), "?"))
            + ")";
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      for (int i = 0; i < data.count(); i++) {
        Map<String, Object> values = i == 0 ? first : data.row().apply(i);
        if (!values.keySet().equals(first.keySet())) {
          throw new IllegalStateException(
              "Row "
                  + i
                  + " of "
                  + table
                  + " has columns "
                  + values.keySet()
                  + " instead of "
                  + columns);
        }
        for (int c = 0; c < columns.size(); c++) {
          bind(insert, c + 1, values.get(columns.get(c)));
        }
        insert.addBatch();
        if ((i + 1) % BATCH_SIZE == 0) {
          insert.executeBatch();
          connection.commit();
        }
      }
      insert.executeBatch();
      connection.commit();
    }
    return data.count();
  }

  private static void bind(PreparedStatement statement, int index, Object value)
      throws SQLException {
    if (value instanceof SampleValues.Null typedNull) {
      statement.setNull(index, typedNull.jdbcType());
    } else if (value instanceof byte[] bytes) {
      statement.setBytes(index, bytes);
    } else if (value instanceof BigDecimal decimal) {
      statement.setBigDecimal(index, decimal);
    } else if (value instanceof String text) {
      statement.setString(index, text);
    } else {
      // Integer, Long, Boolean and LocalDateTime: java.time avoids any JVM time-zone shift.
      statement.setObject(index, value);
    }
  }

  Map<String, Integer> idsByKey(String table) throws SQLException {
    Map<String, Integer> ids = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT [Id], [SS_Key] FROM " + quote(table))) {
      while (rs.next()) {
        ids.put(rs.getString(2), rs.getInt(1));
      }
    }
    return ids;
  }

  long[] readIds(String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      return readIds(statement);
    }
  }

  private static long[] readIds(PreparedStatement statement) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids.stream().mapToLong(Long::longValue).toArray();
  }

  boolean tableExists(String table) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = ?")) {
      statement.setString(1, table);
      return readIds(statement)[0] > 0;
    }
  }

  void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  static int[] toInts(long[] values) {
    return Arrays.stream(values).mapToInt(Math::toIntExact).toArray();
  }

  static Map<String, Object> row(Object... namesAndValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      row.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return row;
  }
}
