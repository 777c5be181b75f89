package org.odcmigrate.o11;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.odcmigrate.sample.H2SqlServer;

/**
 * The row hash in the keyset read and the range fingerprint: one SHA-256 per row, in the SQL Server
 * form (text only here; it runs in the SQL Server suite) and in H2's, where it runs.
 */
class SqlServerDialectTest {

  @Test
  void sqlServerHashesEachRowOnceOverLengthPrefixedValues() throws SQLException {
    Connection sqlServer = connectionTo("Microsoft SQL Server");
    String read =
        SqlServerDialect.keysetSelect(
            sqlServer, "OSUSR_1_T", List.of("ID", "A"), Set.of(), "ID", true, true);
    assertThat(read)
        .isEqualTo(
            "SELECT [ID], [A], HASHBYTES('SHA2_256',"
                + " ISNULL(0x01 + CAST(CAST(DATALENGTH(CAST([ID] AS VARBINARY(MAX))) AS INT) AS BINARY(4))"
                + " + CAST([ID] AS VARBINARY(MAX)), 0x00)"
                + " + ISNULL(0x01 + CAST(CAST(DATALENGTH(CAST([A] AS VARBINARY(MAX))) AS INT) AS BINARY(4))"
                + " + CAST([A] AS VARBINARY(MAX)), 0x00))"
                + " FROM [OSUSR_1_T] WHERE [ID] > ? AND [ID] <= ? ORDER BY [ID]");
    String fingerprint =
        SqlServerDialect.rangeFingerprint(
            sqlServer, "OSUSR_1_T", List.of("ID", "A"), "ID", false, true);
    assertThat(fingerprint)
        .contains(
            "FROM (SELECT HASHBYTES('SHA2_256', ISNULL(0x01 + CAST(CAST(DATALENGTH(CAST([ID] AS")
        .endsWith(" AS h FROM [OSUSR_1_T] WHERE [ID] <= ?) q");
    assertThat(read.split("HASHBYTES", -1)).as("one HASHBYTES per row").hasSize(2);
  }

  @Test
  void h2CallsOneRowHashFunctionWhoseHashesTellNullEmptyAndShiftedValuesApart()
      throws SQLException {
    try (Connection h2 =
            DriverManager.getConnection(H2SqlServer.memoryUrl("dialect-" + UUID.randomUUID()));
        Statement st = h2.createStatement()) {
      H2SqlServer.registerSqlServerFunctions(h2);
      st.execute("CREATE TABLE [T] ([ID] INT PRIMARY KEY, [A] NVARCHAR(20), [B] NVARCHAR(20))");
      st.execute(
          "INSERT INTO [T] VALUES (1, N'ab', N'c'), (2, N'a', N'bc'), (3, N'', N'x'),"
              + " (4, NULL, N'x'), (5, N'x', N''), (6, N'x', NULL)");
      List<String> columns = List.of("ID", "A", "B");
      String read = SqlServerDialect.keysetSelect(h2, "T", columns, Set.of(), "ID", false, false);
      assertThat(read)
          .isEqualTo("SELECT [ID], [A], [B], ROWHASH([ID], [A], [B]) FROM [T] ORDER BY [ID]");
      // The same rows with the same ids but for the one column that differs: hash (A, B) only.
      String pairs =
          SqlServerDialect.keysetSelect(h2, "T", List.of("A", "B"), Set.of(), "ID", false, false);
      List<String> hashes = new ArrayList<>();
      try (ResultSet rs = st.executeQuery(pairs)) {
        while (rs.next()) {
          hashes.add(HexFormat.of().formatHex(rs.getBytes(3)));
        }
      }
      assertThat(hashes).hasSize(6);
      assertThat(new HashSet<>(hashes)).as("all distinct: %s", hashes).hasSize(6);

      // The fingerprint sums exactly the hashes the read returns.
      String sql = SqlServerDialect.rangeFingerprint(h2, "T", columns, "ID", false, true);
      try (PreparedStatement ps = h2.prepareStatement(sql)) {
        ps.setInt(1, 4);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          long[] sums = new long[4];
          try (ResultSet rows =
              st.executeQuery(read.replace("ORDER BY", "WHERE [ID] <= 4 ORDER BY"))) {
            while (rows.next()) {
              byte[] hash = rows.getBytes(4);
              for (int i = 0; i < 4; i++) {
                sums[i] += ByteBuffer.wrap(hash, i * 4, 4).getInt();
              }
            }
          }
          assertThat(rs.getLong(1)).isEqualTo(4);
          for (int i = 0; i < 4; i++) {
            assertThat(rs.getLong(i + 2)).as("slice %s", i).isEqualTo(sums[i]);
          }
        }
      }
    }
  }

  /** A connection that only tells its product name: enough for the dialect to choose its SQL. */
  private static Connection connectionTo(String product) {
    DatabaseMetaData meta =
        (DatabaseMetaData)
            Proxy.newProxyInstance(
                SqlServerDialectTest.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("getDatabaseProductName")) {
                    return product;
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    return (Connection)
        Proxy.newProxyInstance(
            SqlServerDialectTest.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getMetaData")) {
                return meta;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
