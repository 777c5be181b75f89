package org.odcmigrate.o11;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The SQL we send to O11's SQL Server. Kept to what H2 in MODE=MSSQLServer also runs, so the same
 * text is exercised by every test; the few SQL Server-only forms are marked.
 */
public final class SqlServerDialect {

  private SqlServerDialect() {}

  /**
   * Whether the source is H2 in SQL Server mode (the sample environment of dev, demo and tests),
   * told by the driver's product name so that the product needs no H2 class.
   */
  public static boolean isH2(Connection connection) throws SQLException {
    return "H2".equals(connection.getMetaData().getDatabaseProductName());
  }

  public static String quote(String identifier) {
    return "[" + identifier.replace("]", "]]") + "]";
  }

  /**
   * A physical table, quoted part by part when it lives in another catalog ({@code
   * Catalog.dbo.Table}); O11's physical table names hold no dots.
   */
  public static String table(String table) {
    StringJoiner parts = new StringJoiner(".");
    for (String part : table.split("\\.")) {
      parts.add(quote(part));
    }
    return parts.toString();
  }

  /**
   * The schema SQL Server resolves the bare name {@code ossys_Espace} in (the login's default
   * schema, then dbo), as every unqualified platform query does; the default schema when neither
   * holds it, so the caller reports the table missing.
   */
  static String platformSchema() {
    return "SELECT COALESCE(OBJECT_SCHEMA_NAME(OBJECT_ID(N'ossys_Espace')), SCHEMA_NAME())";
  }

  /**
   * The table and column names, data types and text lengths of one schema of the current database
   * (the schema bound as the only parameter).
   */
  static String columnsOfSchema() {
    return "SELECT [TABLE_NAME], [COLUMN_NAME], [DATA_TYPE], [CHARACTER_MAXIMUM_LENGTH]"
        + " FROM [INFORMATION_SCHEMA].[COLUMNS] WHERE [TABLE_SCHEMA] = ?"
        + " ORDER BY [TABLE_NAME], [ORDINAL_POSITION]";
  }

  /**
   * The table and column names of another catalog's entity tables. SQL Server: the catalog is
   * another database and O11 keeps its tables in dbo (covered by the SQL Server suite); H2 stands a
   * schema of the same database in for it (the schema bound as the only parameter).
   */
  static String columnsOfCatalog(Connection connection, String catalog) throws SQLException {
    if (isH2(connection)) {
      return columnsOfSchema();
    }
    return "SELECT [TABLE_NAME], [COLUMN_NAME], [DATA_TYPE], [CHARACTER_MAXIMUM_LENGTH] FROM "
        + quote(catalog)
        + ".[INFORMATION_SCHEMA].[COLUMNS]"
        + " WHERE [TABLE_SCHEMA] = 'dbo' ORDER BY [TABLE_NAME], [ORDINAL_POSITION]";
  }

  /**
   * A table of another catalog as {@link #table} reads it: {@code Catalog.dbo.Table}, or {@code
   * Schema.Table} in H2.
   */
  /**
   * The databases among the current one and {@code others} (bound as parameters, one each) that do
   * not allow SNAPSHOT isolation.
   */
  public static String databasesWithoutSnapshot(int others) {
    StringJoiner names = new StringJoiner(", ", "(DB_NAME()", ")");
    for (int i = 0; i < others; i++) {
      names.add("?");
    }
    return "SELECT [name] FROM sys.databases WHERE [snapshot_isolation_state] <> 1 AND [name] IN "
        + names
        + " ORDER BY [name]";
  }

  static String inCatalog(Connection connection, String catalog, String table) throws SQLException {
    return isH2(connection) ? catalog + "." + table : catalog + ".dbo." + table;
  }

  /**
   * The keyset read of one key range: {@code lower < id <= upper}, ordered by the identifier in the
   * source's own collation, one forward-only query per range (never OFFSET). Each column in {@code
   * streamed} is preceded by its DATALENGTH, so its value can be streamed with its length known up
   * front. The last column is the row's hash (the one {@link #rangeFingerprint} sums up), so the
   * copy takes the range's fingerprint of exactly the rows it read, without reading them twice.
   */
  public static String keysetSelect(
      Connection connection,
      String table,
      List<String> columns,
      Set<String> streamed,
      String identifier,
      boolean lower,
      boolean upper)
      throws SQLException {
    StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM " + table(table));
    for (String column : columns) {
      if (streamed.contains(column)) {
        select.add("DATALENGTH(" + quote(column) + ")");
      }
      select.add(quote(column));
    }
    select.add(RowHash.sql(isH2(connection), columns));
    return select + rangeCondition(identifier, lower, upper) + " ORDER BY " + quote(identifier);
  }

  /** {@code WHERE lower < id <= upper} with a parameter per bound present, or nothing. */
  private static String rangeCondition(String identifier, boolean lower, boolean upper) {
    String id = quote(identifier);
    if (lower && upper) {
      return " WHERE " + id + " > ? AND " + id + " <= ?";
    } else if (lower) {
      return " WHERE " + id + " > ?";
    } else if (upper) {
      return " WHERE " + id + " <= ?";
    }
    return "";
  }

  /**
   * The fingerprint of one key range, computed by the source: its row count and four sums of 32-bit
   * slices of each row's hash (see {@link RowHash}: one SHA-256 per row over its columns). Sums are
   * order-free, so the collation's order does not matter, and they cannot overflow a BIGINT below
   * 2^31 rows. The same SQL in SQL Server and H2 but for the row hash.
   */
  public static String rangeFingerprint(
      Connection connection,
      String table,
      List<String> columns,
      String identifier,
      boolean lower,
      boolean upper)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ").append(count(connection, "*"));
    for (int slice = 0; slice < 4; slice++) {
      sql.append(", SUM(CAST(CAST(SUBSTRING(h, ")
          .append(slice * 4 + 1)
          .append(", 4) AS INT) AS BIGINT))");
    }
    return sql.append(" FROM (SELECT ")
        .append(RowHash.sql(isH2(connection), columns))
        .append(" AS h FROM ")
        .append(table(table))
        .append(rangeCondition(identifier, lower, upper))
        .append(") q")
        .toString();
  }

  /**
   * A row count as a BIGINT: SQL Server's COUNT is an INT and fails past 2^31 rows (error 8115), as
   * O11 log tables can hold; H2 has no COUNT_BIG and counts in BIGINT already.
   */
  public static String count(Connection connection, String argument) throws SQLException {
    return (isH2(connection) ? "COUNT(" : "COUNT_BIG(") + argument + ")";
  }

  /** Smallest and largest identifier and the row count, to split a big table into key ranges. */
  public static String keyStatistics(Connection connection, String table, String identifier)
      throws SQLException {
    String id = quote(identifier);
    return "SELECT MIN("
        + id
        + "), MAX("
        + id
        + "), "
        + count(connection, "*")
        + " FROM "
        + table(table);
  }

  /**
   * Every n-th identifier (n bound as the only parameter) in the source's order, without the last
   * row's: the bounds of ranges of n rows, compared by the source in its own collation.
   */
  public static String everyNthKey(Connection connection, String table, String identifier)
      throws SQLException {
    String id = quote(identifier);
    return "SELECT k FROM (SELECT "
        + id
        + " AS k, ROW_NUMBER() OVER (ORDER BY "
        + id
        + ") AS n, "
        + count(connection, "*")
        + " OVER () AS c"
        + " FROM "
        + table(table)
        + ") q WHERE n % ? = 0 AND n < c ORDER BY n";
  }

  /**
   * A condition true when the text column holds U+0000. SQL Server compares NUL as nothing in its
   * usual collations, so a binary collation is needed there (covered by the SQL Server suite).
   */
  public static String containsNul(Connection connection, String column) throws SQLException {
    return isH2(connection)
        ? "POSITION(CHAR(0), " + quote(column) + ") > 0"
        : "CHARINDEX(NCHAR(0), " + quote(column) + " COLLATE Latin1_General_BIN2) > 0";
  }

  /**
   * A condition true when two texts are equal code point for code point, as PostgreSQL compares
   * them: SQL Server's usual collations ignore case and trailing spaces, so a binary collation and
   * a trailing marker are needed there (covered by the SQL Server suite); H2 compares a plain
   * VARCHAR exactly.
   */
  public static String sameText(Connection connection, String left, String right)
      throws SQLException {
    if (isH2(connection)) {
      return "CAST(" + left + " AS VARCHAR) || '|' = CAST(" + right + " AS VARCHAR) || '|'";
    }
    return exactText(left) + " = " + exactText(right);
  }

  private static String exactText(String expression) {
    return "(CAST(" + expression + " AS NVARCHAR(MAX)) + N'|') COLLATE Latin1_General_BIN2";
  }

  /** The table's rows, then the non-NULL values of each column, in one scan. */
  public static String countRowsAndValues(Connection connection, String table, List<String> columns)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ").append(count(connection, "*"));
    for (String c : columns) {
      sql.append(", ").append(count(connection, quote(c)));
    }
    return sql.append(" FROM ").append(table(table)).toString();
  }

  /**
   * The active records of a static entity (ids as O11 holds them in this environment), each with
   * its record key (SS_Key) last. Parameters: the entity's key, its module's key.
   */
  public static String selectStaticRecords(O11Entity entity) {
    StringJoiner select =
        new StringJoiner(", ", "SELECT ", " FROM " + table(entity.physicalTable()) + " t");
    entity.attributes().forEach(a -> select.add("t." + quote(a.column())));
    select.add("r.[SS_Key]");
    String id = "t." + quote(entity.identifier().column());
    return select
        + " JOIN ("
        + staticRecordKeys()
        + ") r ON r.[Data_Id] = "
        + id
        + " ORDER BY "
        + id;
  }

  /**
   * The id and key (SS_Key) of each active record of a static entity in this environment.
   * Parameters: the entity's key, its module's key.
   */
  public static String staticRecordKeys() {
    return "SELECT [Data_Id], [SS_Key] FROM [ossys_Entity_Record] WHERE [Entity_SS_Key] = ?"
        + " AND [Is_Active] = 1 AND [Espace_Id] IN (SELECT [Id] FROM [ossys_Espace] WHERE [SS_Key] = ?)";
  }
}
