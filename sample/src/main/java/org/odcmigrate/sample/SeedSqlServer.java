package org.odcmigrate.sample;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Seeds a SQL Server with the sample O11 environment, for the jar's {@code seed} command (the
 * compose stack) and the SQL Server suite.
 *
 * <p>Creates the URL's database through master when it is missing, allows SNAPSHOT reads in it,
 * creates the sample through the same SQL the H2 environments run, and the environment's runtime
 * logins that the {@code database} control disables to stop it. A database already holding the
 * sample is left as it is unless {@code --recreate} is given, so that starting the stack again does
 * not throw away what a test run changed; existing logins keep their state, so a stopped
 * environment is never started by a seed.
 */
public final class SeedSqlServer {

  /** The runtime logins of the sample environment, as O11 installations name theirs. */
  public static final List<String> RUNTIME_LOGINS = List.of("OSRUNTIME", "OSUSER");

  /** The seed of dev and demo, so that the stack holds the same sample. */
  public static final long SEED = 42;

  /**
   * Where the runtime logins' password comes from; without it, a random one nobody needs to know.
   */
  public static final String RUNTIME_PASSWORD_VARIABLE = "O11_RUNTIME_PASSWORD";

  private SeedSqlServer() {}

  /** Seeds the server the URL names; prints and returns what it did, one line each. */
  public static List<String> seed(
      String url, String user, String password, int rows, boolean recreate, String runtimePassword)
      throws SQLException {
    List<String> done = new ArrayList<>();
    String database = createDatabase(url, user, password);
    try (Connection connection = DriverManager.getConnection(url, user, password)) {
      if (!recreate && holdsSample(connection)) {
        done.add(
            "Database "
                + database
                + " already holds the sample O11 environment: left as it is (--recreate replaces it)");
      } else {
        SampleEnvironment.Result sample =
            SampleEnvironment.create(connection, new SampleEnvironment.SampleSize(rows, SEED));
        long total = sample.rowCounts().values().stream().mapToLong(Long::longValue).sum();
        done.add(
            "Created the sample O11 environment in database "
                + database
                + ": apps "
                + sample.appModules()
                + ", "
                + total
                + " rows");
      }
      List<String> created =
          createRuntimeLogins(
              connection,
              RUNTIME_LOGINS,
              runtimePassword == null || runtimePassword.isBlank()
                  ? randomPassword()
                  : runtimePassword);
      done.add(
          created.isEmpty()
              ? "Runtime logins " + RUNTIME_LOGINS + " exist: left as they are"
              : "Created runtime logins " + created);
    }
    done.forEach(System.out::println);
    return done;
  }

  /**
   * Creates the database the URL names, through master, when it does not exist, and turns
   * ALLOW_SNAPSHOT_ISOLATION on so that a running environment can be read range by range in
   * SNAPSHOT transactions. Returns the database's name.
   */
  public static String createDatabase(String url, String user, String password)
      throws SQLException {
    String database = databaseName(url);
    if (database == null) {
      throw new IllegalArgumentException(
          "the JDBC URL names no database (add ;databaseName=...): " + url);
    }
    try (Connection master =
            DriverManager.getConnection(withDatabase(url, "master"), user, password);
        Statement st = master.createStatement()) {
      boolean exists;
      try (PreparedStatement ps = master.prepareStatement("SELECT DB_ID(?)")) {
        ps.setString(1, database);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          rs.getInt(1);
          exists = !rs.wasNull();
        }
      }
      if (!exists) {
        st.execute("CREATE DATABASE " + SampleSchema.quote(database));
      }
      st.execute(
          "ALTER DATABASE " + SampleSchema.quote(database) + " SET ALLOW_SNAPSHOT_ISOLATION ON");
    }
    return database;
  }

  /**
   * Creates the logins an O11 environment's applications connect with, each with a user in this
   * database that reads and writes it, as O11's installer does. Logins that exist are left as they
   * are (enabled or disabled). Returns the logins created.
   */
  public static List<String> createRuntimeLogins(
      Connection database, List<String> logins, String password) throws SQLException {
    List<String> created = new ArrayList<>();
    String databaseName;
    try (Statement st = database.createStatement();
        ResultSet rs = st.executeQuery("SELECT DB_NAME()")) {
      rs.next();
      databaseName = rs.getString(1);
    }
    try (Statement st = database.createStatement()) {
      for (String login : logins) {
        String quoted = SampleSchema.quote(login);
        if (!exists(database, "SELECT SUSER_ID(?)", login)) {
          // CREATE LOGIN takes no parameters: the password is a literal, its quotes doubled.
          st.execute(
              "CREATE LOGIN "
                  + quoted
                  + " WITH PASSWORD = N'"
                  + password.replace("'", "''")
                  + "', DEFAULT_DATABASE = "
                  + SampleSchema.quote(databaseName));
          created.add(login);
        }
        if (!exists(database, "SELECT USER_ID(?)", login)) {
          st.execute("CREATE USER " + quoted + " FOR LOGIN " + quoted);
        }
        st.execute("ALTER ROLE [db_datareader] ADD MEMBER " + quoted);
        st.execute("ALTER ROLE [db_datawriter] ADD MEMBER " + quoted);
      }
    }
    return created;
  }

  /**
   * The database a SQL Server JDBC URL names ({@code databaseName} or {@code database}), or null.
   */
  static String databaseName(String url) {
    for (String property : properties(url)) {
      int equals = property.indexOf('=');
      if (equals > 0 && isDatabaseKey(property.substring(0, equals))) {
        String value = property.substring(equals + 1).strip();
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  /** The same URL naming another database. */
  static String withDatabase(String url, String database) {
    String[] parts = url.split(";", -1);
    StringBuilder result = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      int equals = parts[i].indexOf('=');
      if (parts[i].isBlank() || (equals > 0 && isDatabaseKey(parts[i].substring(0, equals)))) {
        continue;
      }
      result.append(';').append(parts[i]);
    }
    return result.append(";databaseName=").append(database).toString();
  }

  private static List<String> properties(String url) {
    String[] parts = url.split(";");
    return List.of(parts).subList(1, parts.length);
  }

  private static boolean isDatabaseKey(String key) {
    String k = key.strip().toLowerCase(Locale.ROOT);
    return k.equals("databasename") || k.equals("database");
  }

  private static boolean holdsSample(Connection connection) throws SQLException {
    try (PreparedStatement ps =
            connection.prepareStatement(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'ossys_Espace'");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      if (rs.getInt(1) == 0) {
        return false;
      }
    }
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT COUNT(*) FROM [ossys_Espace] WHERE [Name] = 'Customers'")) {
      rs.next();
      return rs.getInt(1) > 0;
    }
  }

  private static boolean exists(Connection connection, String sql, String name)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        rs.getObject(1);
        return !rs.wasNull();
      }
    }
  }

  /** Meets SQL Server's password policy: upper and lower case letters, digits and a symbol. */
  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return "Rt-" + HexFormat.of().formatHex(bytes) + "-Xq9";
  }
}
