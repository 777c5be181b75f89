package org.odcmigrate.o11;

import java.util.List;
import java.util.StringJoiner;

/** The SQL of a row's hash, as the source computes it for fingerprints and for the copy's read. */
final class RowHash {

  private RowHash() {}

  /**
   * One row's SHA-256, computed once per row over every column in order, each encoded as 0x00 when
   * NULL, else 0x01, the value's byte length as a 4-byte big-endian int, then its bytes: NULL, ''
   * and a value shifted between two columns all differ, and values past 8000 bytes count whole.
   * What {@link SqlServerDialect#rangeFingerprint} sums up, and what the copy's read returns as its
   * last column so the copy sums it up itself.
   *
   * <p>SQL Server (2016 or later, where HASHBYTES takes input past 8000 bytes; covered by the SQL
   * Server suite): the value's bytes are {@code CAST(c AS VARBINARY(MAX))}, its length their
   * DATALENGTH cast to INT then to BINARY(4) (an integer casts to binary big-endian), the pieces
   * joined with {@code +} (one VARBINARY(MAX) operand keeps the whole from truncating at 8000
   * bytes); a NULL value makes its piece NULL, which ISNULL turns into 0x00. H2 can neither cast
   * every type to VARBINARY nor compute this cheaply in SQL, so it calls {@code ROWHASH}, which
   * {@code H2SqlServer} registers with the same encoding in Java.
   */
  static String sql(boolean h2, List<String> columns) {
    if (h2) {
      StringJoiner row = new StringJoiner(", ", "ROWHASH(", ")");
      columns.forEach(column -> row.add(SqlServerDialect.quote(column)));
      return row.toString();
    }
    StringJoiner row = new StringJoiner(" + ", "HASHBYTES('SHA2_256', ", ")");
    for (String column : columns) {
      String bytes = "CAST(" + SqlServerDialect.quote(column) + " AS VARBINARY(MAX))";
      row.add(
          "ISNULL(0x01 + CAST(CAST(DATALENGTH("
              + bytes
              + ") AS INT) AS BINARY(4)) + "
              + bytes
              + ", 0x00)");
    }
    return row.toString();
  }
}
