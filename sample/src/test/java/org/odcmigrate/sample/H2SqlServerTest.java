package org.odcmigrate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SQL Server functions H2 gets for the product's reads; {@code ROWHASH} computes the row hash
 * of {@code SqlServerDialect} in one SHA-256 per row over length-prefixed values.
 */
class H2SqlServerTest {

  private Connection connection;

  @BeforeEach
  void open() throws SQLException {
    connection = DriverManager.getConnection(H2SqlServer.memoryUrl("h2fn-" + UUID.randomUUID()));
    H2SqlServer.registerSqlServerFunctions(connection);
  }

  @AfterEach
  void close() throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("SHUTDOWN");
    }
  }

  @Test
  void nullEmptyAndShiftedValuesGiveDifferentRowHashes() throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("CREATE TABLE [T] ([ID] INT PRIMARY KEY, [A] NVARCHAR(20), [B] NVARCHAR(20))");
      st.execute(
          "INSERT INTO [T] VALUES (1, N'ab', N'c'), (2, N'a', N'bc'), (3, N'abc', N''),"
              + " (4, N'abc', NULL), (5, N'', N'abc'), (6, NULL, N'abc'), (7, NULL, NULL),"
              + " (8, N'', N''), (9, N'', NULL), (10, NULL, N'')");
    }
    List<String> hashes = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT ROWHASH([A], [B]) FROM [T] ORDER BY [ID]")) {
      while (rs.next()) {
        byte[] hash = rs.getBytes(1);
        assertThat(hash).hasSize(32);
        hashes.add(hex(hash));
      }
    }
    assertThat(hashes).hasSize(10);
    assertThat(new HashSet<>(hashes)).as("all distinct: %s", hashes).hasSize(10);
    // ('ab', 'c') and ('a', 'bc') as the encoding spells them out.
    assertThat(hashes.get(0))
        .isEqualTo(hex(sha256(concat(present(utf16("ab")), present(utf16("c"))))));
    assertThat(hashes.get(1))
        .isEqualTo(hex(sha256(concat(present(utf16("a")), present(utf16("bc"))))));
    assertThat(hashes.get(6)).isEqualTo(hex(sha256(new byte[] {0, 0})));
  }

  @Test
  void rowHashIsTheDocumentedEncodingOfARowOfMixedTypes() throws SQLException {
    byte[] photo = new byte[20_000];
    for (int i = 0; i < photo.length; i++) {
      photo[i] = (byte) (i * 31);
    }
    String notes = "é\u0000\uD83D\uDE00 ".repeat(3_000); // past the function's 8 KB chunks
    try (Statement st = connection.createStatement()) {
      st.execute(
          "CREATE TABLE [M] ([ID] BIGINT PRIMARY KEY, [NAME] NVARCHAR(50), [NOTES] NVARCHAR(MAX),"
              + " [PHOTO] VARBINARY(MAX), [EMPTY] VARBINARY(MAX), [PRICE] DECIMAL(37, 8),"
              + " [ACTIVE] BIT, [CREATED] DATETIME, [REF] INT)");
    }
    try (PreparedStatement ps =
        connection.prepareStatement("INSERT INTO [M] VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, 42);
      ps.setString(2, "Zoë");
      ps.setString(3, notes);
      ps.setBytes(4, photo);
      ps.setBytes(5, new byte[0]);
      ps.setBigDecimal(6, new BigDecimal("12.5"));
      ps.setBoolean(7, true);
      ps.setObject(8, LocalDateTime.of(2024, 1, 2, 3, 4, 5));
      ps.setNull(9, java.sql.Types.INTEGER);
      ps.executeUpdate();
    }
    byte[] expected =
        sha256(
            concat(
                present(utf16("42")),
                present(utf16("Zoë")),
                present(utf16(notes)),
                present(photo),
                present(new byte[0]),
                present(utf16("12.50000000")),
                present(utf16("TRUE")),
                present(utf16("2024-01-02 03:04:05")),
                new byte[] {0}));
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT ROWHASH([ID], [NAME], [NOTES], [PHOTO], [EMPTY], [PRICE], [ACTIVE],"
                    + " [CREATED], [REF]) FROM [M]")) {
      assertThat(rs.next()).isTrue();
      assertThat(hex(rs.getBytes(1))).isEqualTo(hex(expected));
    }
  }

  @Test
  void hashBytesStillHashesOneValue() throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT HASHBYTES('SHA2_256', N'abc'), HASHBYTES('SHA2_256', CAST(NULL AS INT))")) {
      assertThat(rs.next()).isTrue();
      assertThat(hex(rs.getBytes(1))).isEqualTo(hex(sha256(utf16("abc"))));
      assertThat(rs.getBytes(2)).isNull();
    }
  }

  /** A present value: 0x01, its length as a 4-byte big-endian int, its bytes. */
  private static byte[] present(byte[] bytes) {
    return concat(
        new byte[] {1}, ByteBuffer.allocate(4).putInt(bytes.length).array(), bytes.clone());
  }

  private static byte[] utf16(String text) {
    return text.getBytes(StandardCharsets.UTF_16LE);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }
}
