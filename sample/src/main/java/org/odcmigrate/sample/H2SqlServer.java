package org.odcmigrate.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.value.Value;
import org.h2.value.ValueNull;

/** Hosts an O11 database in H2 2.5 running in SQL Server compatibility mode. */
public final class H2SqlServer {

  private H2SqlServer() {}

  /**
   * A private in-memory database that lives until the JVM exits. DATABASE_TO_UPPER=FALSE keeps
   * O11's mixed-case names (ossys_Espace) as written, and CASE_INSENSITIVE_IDENTIFIERS makes name
   * lookups case-insensitive as under SQL Server's usual collation.
   */
  public static String memoryUrl(String dbName) {
    return "jdbc:h2:mem:"
        + dbName
        + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
  }

  public static boolean isH2(Connection connection) throws SQLException {
    return "H2".equals(connection.getMetaData().getDatabaseProductName());
  }

  /** Adds the SQL Server functions our O11 queries use and H2 lacks; safe to call again. */
  public static void registerSqlServerFunctions(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE ALIAS IF NOT EXISTS DATALENGTH FOR \""
              + H2SqlServer.class.getName()
              + ".dataLength\"");
      statement.execute(
          "CREATE ALIAS IF NOT EXISTS HASHBYTES FOR \""
              + H2SqlServer.class.getName()
              + ".hashBytes\"");
      statement.execute(
          "CREATE ALIAS IF NOT EXISTS ROWHASH FOR \"" + H2SqlServer.class.getName() + ".rowHash\"");
    }
  }

  /**
   * SQL Server's HASHBYTES for 'SHA2_256', over a value of any type (the SQL Server form casts to
   * VARBINARY first, which H2 cannot do for every type): binary values as they are, text as
   * UTF-16LE as an nvarchar's bytes are, so both compute the same hash for these; other types over
   * their canonical text. NULL gives NULL, as in SQL Server.
   */
  public static byte[] hashBytes(String algorithm, Value value) throws SQLException {
    if (!"SHA2_256".equalsIgnoreCase(algorithm)) {
      throw new SQLException("HASHBYTES supports SHA2_256 only, not " + algorithm);
    }
    if (value == null || value == ValueNull.INSTANCE) {
      return null;
    }
    byte[] bytes =
        switch (value.getValueType()) {
          case Value.BINARY, Value.VARBINARY, Value.BLOB -> value.getBytesNoCopy();
          default -> value.getString().getBytes(StandardCharsets.UTF_16LE);
        };
    return SHA_256.get().digest(bytes);
  }

  /**
   * The row hash of the product's reads (H2's form of {@code SqlServerDialect}'s row hash): one
   * SHA-256 over every value in order, each as 0x00 when NULL, else 0x01, its byte length as a
   * 4-byte big-endian int, then its bytes. The bytes are those {@link #hashBytes} reads: binary
   * values as they are, text as its UTF-16 code units low byte first as an nvarchar's bytes are (a
   * lone surrogate too, which {@code String.getBytes} would replace), other types their canonical
   * text as such. One digest per row, fed value by value with no copy of the row; H2 calls it with
   * a row's values as {@link Value}s (its aliases take varargs).
   */
  public static byte[] rowHash(Value... values) throws SQLException {
    MessageDigest digest = SHA_256.get();
    digest.reset();
    byte[] buffer = BUFFER.get();
    for (Value value : values) {
      if (value == null || value == ValueNull.INSTANCE) {
        buffer[0] = 0x00;
        digest.update(buffer, 0, 1);
        continue;
      }
      switch (value.getValueType()) {
        case Value.BINARY, Value.VARBINARY, Value.BLOB -> {
          byte[] bytes = value.getBytesNoCopy();
          lengthPrefix(digest, buffer, bytes.length);
          digest.update(bytes);
        }
        default -> {
          String text = value.getString();
          if (text.length() > Integer.MAX_VALUE / 2) {
            throw new SQLException("ROWHASH: a text of " + text.length() + " chars is too long");
          }
          lengthPrefix(digest, buffer, 2 * text.length());
          utf16le(digest, buffer, text);
        }
      }
    }
    return digest.digest();
  }

  /** 0x01 and the value's byte length as a 4-byte big-endian int. */
  private static void lengthPrefix(MessageDigest digest, byte[] buffer, int length) {
    buffer[0] = 0x01;
    buffer[1] = (byte) (length >>> 24);
    buffer[2] = (byte) (length >>> 16);
    buffer[3] = (byte) (length >>> 8);
    buffer[4] = (byte) length;
    digest.update(buffer, 0, 5);
  }

  /** The text's UTF-16 code units, low byte first, through the buffer a chunk at a time. */
  private static void utf16le(MessageDigest digest, byte[] buffer, String text) {
    int chunk = buffer.length / 2;
    for (int start = 0; start < text.length(); start += chunk) {
      int end = Math.min(text.length(), start + chunk);
      int b = 0;
      for (int i = start; i < end; i++) {
        char c = text.charAt(i);
        buffer[b++] = (byte) c;
        buffer[b++] = (byte) (c >>> 8);
      }
      digest.update(buffer, 0, b);
    }
  }

  /** A scratch buffer per thread for {@link #rowHash}'s prefixes and text bytes. */
  private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[8192]);

  /** One digest per thread: looking one up for every value costs more than the hashing. */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is not available in this JVM", e);
            }
          });

  /**
   * SQL Server's DATALENGTH: bytes of a binary value; for text 2 bytes per UTF-16 unit as in
   * nvarchar (H2 cannot tell varchar columns apart, where SQL Server counts 1 byte per char).
   * Public because H2 calls it; it takes H2's own value since a plain Object parameter would make
   * H2 convert every argument to JAVA_OBJECT, which fails for text and binary.
   */
  public static Long dataLength(Value value) throws SQLException {
    if (value == null || value == ValueNull.INSTANCE) {
      return null;
    }
    return switch (value.getValueType()) {
      case Value.BINARY, Value.VARBINARY, Value.BLOB -> value.octetLength();
      case Value.CHAR, Value.VARCHAR, Value.VARCHAR_IGNORECASE, Value.CLOB ->
          2 * value.charLength();
      default ->
          throw new SQLException(
              "DATALENGTH supports binary and text values only, not "
                  + Value.getTypeName(value.getValueType()));
    };
  }
}
