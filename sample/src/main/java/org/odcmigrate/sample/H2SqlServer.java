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
