package org.odcmigrate.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Adds application modules to an O11 environment that SampleEnvironment created: the rows O11 keeps
 * in ossys_Espace, ossys_Entity and ossys_Entity_Attr, and the OSUSR_ tables, in the same format as
 * the sample (upper-case column names, an OSPRK_ primary key, nullable columns).
 */
final class O11Modules {

  /** One attribute; the first of an entity is its identifier. */
  record Attribute(
      String name,
      String type,
      String sqlType,
      int length,
      int decimals,
      boolean mandatory,
      boolean autoNumber,
      String deleteRule) {

    String column() {
      return name.toUpperCase(Locale.ROOT);
    }

    static Attribute identifier(String name) {
      return new Attribute(name, "rtLongInteger", "BIGINT", 0, 0, true, true, null);
    }

    static Attribute text(String name, int length, boolean mandatory) {
      return new Attribute(
          name,
          "rtText",
          length <= 2000 ? "NVARCHAR(" + length + ")" : "NVARCHAR(MAX)",
          length,
          0,
          mandatory,
          false,
          null);
    }

    static Attribute of(String name, String type, String sqlType) {
      return new Attribute(name, type, sqlType, 0, 0, false, false, null);
    }

    static Attribute decimal(String name, int length, int decimals) {
      return new Attribute(
          name,
          "rtDecimal",
          "DECIMAL(" + length + "," + decimals + ")",
          length,
          decimals,
          false,
          false,
          null);
    }

    /** A reference: O11 writes its type as bt{module key}*{entity key}. */
    static Attribute reference(String name, EntityKey target, String sqlType, String deleteRule) {
      return new Attribute(
          name,
          "bt" + target.moduleKey() + "*" + target.entityKey(),
          sqlType,
          0,
          0,
          false,
          false,
          deleteRule);
    }
  }

  /** Where a reference points to. */
  record EntityKey(String moduleKey, String entityKey) {}

  /** One entity to create. */
  record Entity(String name, List<Attribute> attributes) {}

  private O11Modules() {}

  static String ssKey(String kind, String name) {
    return UUID.nameUUIDFromBytes(
            ("odc-migrate-bench:" + kind + ":" + name).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  static EntityKey entityKey(String module, String entity) {
    return new EntityKey(ssKey("espace", module), ssKey("entity", module + "." + entity));
  }

  /** The module and entity keys of the platform's User entity, which user references point to. */
  static EntityKey userEntity(Connection connection) throws SQLException {
    String sql =
        "SELECT m.[SS_Key], e.[SS_Key] FROM [ossys_Entity] e JOIN [ossys_Espace] m ON m.[Id] = e.[Espace_Id]"
            + " WHERE e.[Physical_Table_Name] = 'ossys_User'";
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      if (!rs.next()) {
        throw new IllegalStateException(
            "the environment has no ossys_User entity: create the sample first");
      }
      return new EntityKey(rs.getString(1), rs.getString(2));
    }
  }

  static int[] userIds(Connection connection) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT [Id] FROM [ossys_User] ORDER BY [Id]")) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Writes one active application module with its entities and creates their tables; returns the
   * physical table of each entity, in order. Binary Data columns get binaryColumnType in the table
   * (the metadata stays rtBinaryData). The caller commits.
   */
  static List<String> addModule(
      Connection connection,
      String module,
      String tablePrefix,
      List<Entity> entities,
      String binaryColumnType)
      throws SQLException {
    int espaceId;
    try (PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO [ossys_Espace] ([Name], [SS_Key], [Is_Active],"
                + " [Is_System], [EspaceKind], [User_Provider_Espace_Id]) VALUES (?, ?, 1, 0, 'eSpace', NULL)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, module);
      ps.setString(2, ssKey("espace", module));
      ps.executeUpdate();
      espaceId = generatedId(ps);
    }
    List<String> tables = new ArrayList<>();
    try (PreparedStatement entity =
            connection.prepareStatement(
                "INSERT INTO [ossys_Entity] ([Name], [Physical_Table_Name],"
                    + " [Espace_Id], [SS_Key], [PrimaryKey_SS_Key], [Is_Active], [Is_System], [Data_Kind], [Is_Multitenant])"
                    + " VALUES (?, ?, ?, ?, ?, 1, 0, 'entity', 0)",
                Statement.RETURN_GENERATED_KEYS);
        PreparedStatement attribute =
            connection.prepareStatement(
                "INSERT INTO [ossys_Entity_Attr] ([Entity_Id], [Name],"
                    + " [SS_Key], [Database_Name], [Type], [Length], [Decimals], [Is_Mandatory], [Is_AutoNumber], [Delete_Rule],"
                    + " [Is_Active], [Position]) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)");
        Statement ddl = connection.createStatement()) {
      for (Entity e : entities) {
        String table = "OSUSR_" + tablePrefix + "_" + e.name().toUpperCase(Locale.ROOT);
        String key = module + "." + e.name();
        entity.setString(1, e.name());
        entity.setString(2, table);
        entity.setInt(3, espaceId);
        entity.setString(4, ssKey("entity", key));
        entity.setString(5, ssKey("attribute", key + "." + e.attributes().get(0).name()));
        entity.executeUpdate();
        int entityId = generatedId(entity);
        int position = 0;
        for (Attribute a : e.attributes()) {
          attribute.setInt(1, entityId);
          attribute.setString(2, a.name());
          attribute.setString(3, ssKey("attribute", key + "." + a.name()));
          attribute.setString(4, a.column());
          attribute.setString(5, a.type());
          attribute.setInt(6, a.length());
          attribute.setInt(7, a.decimals());
          attribute.setBoolean(8, a.mandatory());
          attribute.setBoolean(9, a.autoNumber());
          attribute.setString(10, a.deleteRule());
          attribute.setInt(11, position++);
          attribute.addBatch();
        }
        attribute.executeBatch();
        ddl.execute(createTable(table, e, binaryColumnType));
        tables.add(table);
      }
    }
    return tables;
  }

  /** O11's table: nullable columns except the identifier, whose primary key is OSPRK_. */
  private static String createTable(String table, Entity entity, String binaryColumnType) {
    List<String> columns = new ArrayList<>();
    for (int i = 0; i < entity.attributes().size(); i++) {
      Attribute a = entity.attributes().get(i);
      String type = a.type().equals("rtBinaryData") ? binaryColumnType : a.sqlType();
      columns.add(
          "["
              + a.column()
              + "] "
              + type
              + (a.autoNumber() ? " IDENTITY(1,1)" : "")
              + (i == 0 ? " NOT NULL" : " NULL"));
    }
    columns.add(
        "CONSTRAINT [OSPRK_"
            + table
            + "] PRIMARY KEY (["
            + entity.attributes().get(0).column()
            + "])");
    return "CREATE TABLE [" + table + "] (" + String.join(", ", columns) + ")";
  }

  private static int generatedId(PreparedStatement ps) throws SQLException {
    try (ResultSet keys = ps.getGeneratedKeys()) {
      keys.next();
      return keys.getInt(1);
    }
  }
}
