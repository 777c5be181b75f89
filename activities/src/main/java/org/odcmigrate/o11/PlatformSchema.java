package org.odcmigrate.o11;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of the tables of one O11 database, read once from INFORMATION_SCHEMA: public sources
 * confirm only part of the platform tables (O11-FACTS), so every other column is used only when
 * this shows it, and a physical table's own columns are the truth about its data.
 */
public final class PlatformSchema {

  /** A column's type as INFORMATION_SCHEMA names it, and its length in characters (-1: max). */
  public record ColumnType(String dataType, int maxLength) {}

  private final Map<String, Map<String, ColumnType>> columnsByTable;

  private PlatformSchema(Map<String, Map<String, ColumnType>> columnsByTable) {
    this.columnsByTable = columnsByTable;
  }

  /**
   * The tables of the connection's own database, in the schema where the server finds the platform
   * tables by their bare names (a login's default schema need not be dbo).
   */
  public static PlatformSchema read(Connection connection) throws SQLException {
    return of(connection, SqlServerDialect.columnsOfSchema(), platformSchema(connection));
  }

  private static String platformSchema(Connection connection) throws SQLException {
    if (SqlServerDialect.isH2(connection)) {
      return connection.getSchema();
    }
    try (PreparedStatement ps = connection.prepareStatement(SqlServerDialect.platformSchema());
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** The tables of another catalog (another database; an H2 schema stands in for it). */
  static PlatformSchema readCatalog(Connection connection, String catalog) throws SQLException {
    return of(
        connection,
        SqlServerDialect.columnsOfCatalog(connection, catalog),
        catalogSchema(connection, catalog));
  }

  private static String catalogSchema(Connection connection, String catalog) throws SQLException {
    return SqlServerDialect.isH2(connection) ? catalog : null;
  }

  private static PlatformSchema of(Connection connection, String sql, String schema)
      throws SQLException {
    Map<String, Map<String, ColumnType>> columns = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      if (schema != null) {
        ps.setString(1, schema);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns
              .computeIfAbsent(rs.getString(1).toLowerCase(Locale.ROOT), k -> new LinkedHashMap<>())
              .put(
                  rs.getString(2),
                  // SQL Server says -1 for max; H2 gives a BLOB's length as a BIGINT.
                  new ColumnType(
                      rs.getString(3), (int) Math.min(Integer.MAX_VALUE, rs.getLong(4))));
        }
      }
    }
    return new PlatformSchema(columns);
  }

  public boolean hasTable(String table) {
    return columnsByTable.containsKey(table.toLowerCase(Locale.ROOT));
  }

  /** Whether the table has the column; names compare case-insensitively, as in O11's collation. */
  public boolean has(String table, String column) {
    return columnOf(table, column).isPresent();
  }

  /** The table's column with this name, spelled as the database spells it. */
  public Optional<String> columnOf(String table, String column) {
    return columnsByTable.getOrDefault(table.toLowerCase(Locale.ROOT), Map.of()).keySet().stream()
        .filter(c -> c.equalsIgnoreCase(column))
        .findFirst();
  }

  /** The type of the table's column with this name. */
  public Optional<ColumnType> typeOf(String table, String column) {
    return columnOf(table, column)
        .map(c -> columnsByTable.get(table.toLowerCase(Locale.ROOT)).get(c));
  }

  /** The first of the candidate columns the table has. */
  public Optional<String> firstOf(String table, List<String> candidates) {
    return candidates.stream().map(c -> columnOf(table, c)).flatMap(Optional::stream).findFirst();
  }
}
