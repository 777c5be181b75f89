package org.odcmigrate.sample;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The shapes of the sample's O11 metadata (modules, entities, attributes, roles) and the SQL Server
 * tables O11 creates for them and for its platform.
 */
final class SampleSchema {

  private SampleSchema() {}

  /** O11 attribute types: the Type text O11 stores and the JDBC type of their column. */
  enum Kind {
    TEXT("rtText", Types.NVARCHAR),
    INTEGER("rtInteger", Types.INTEGER),
    LONG_INTEGER("rtLongInteger", Types.BIGINT),
    BOOLEAN("rtBoolean", Types.BIT),
    DATE_TIME("rtDateTime", Types.TIMESTAMP),
    DATE("rtDate", Types.TIMESTAMP),
    TIME("rtTime", Types.TIMESTAMP),
    DECIMAL("rtDecimal", Types.DECIMAL),
    CURRENCY("rtCurrency", Types.DECIMAL),
    EMAIL("rtEmail", Types.VARCHAR),
    PHONE_NUMBER("rtPhoneNumber", Types.VARCHAR),
    BINARY_DATA("rtBinaryData", Types.VARBINARY),
    REFERENCE(null, Types.NULL);

    final String o11Type;
    final int jdbcType;

    Kind(String o11Type, int jdbcType) {
      this.o11Type = o11Type;
      this.jdbcType = jdbcType;
    }
  }

  /** One espace row. */
  record Module(String name, String ssKey, boolean active, boolean system, String tablePrefix) {}

  /** One entity attribute; a reference carries its target entity and delete rule. */
  record Attribute(
      String name,
      String ssKey,
      String column,
      Kind kind,
      int length,
      int decimals,
      boolean mandatory,
      boolean autoNumber,
      Entity target,
      String deleteRule,
      boolean active) {

    String o11Type() {
      return kind == Kind.REFERENCE
          ? "bt" + target.module().ssKey() + "*" + target.ssKey()
          : kind.o11Type;
    }

    /** The SQL Server column type O11 creates for this attribute. */
    String sqlType() {
      return switch (kind) {
        case TEXT -> length <= 2000 ? "NVARCHAR(" + length + ")" : "NVARCHAR(MAX)";
        case INTEGER -> "INT";
        case LONG_INTEGER -> "BIGINT";
        case BOOLEAN -> "BIT";
        case DATE_TIME, DATE, TIME -> "DATETIME";
        case DECIMAL -> "DECIMAL(" + length + "," + decimals + ")";
        case CURRENCY -> "DECIMAL(37,8)";
        case EMAIL -> "VARCHAR(250)";
        case PHONE_NUMBER -> "VARCHAR(20)";
        case BINARY_DATA -> "VARBINARY(MAX)";
        case REFERENCE -> target.identifier().sqlType();
      };
    }

    int jdbcType() {
      return kind == Kind.REFERENCE ? target.identifier().jdbcType() : kind.jdbcType;
    }
  }

  /** One entity and its physical table; the first attribute is the identifier. */
  record Entity(
      Module module,
      String name,
      String ssKey,
      String table,
      String dataKind,
      boolean system,
      boolean multitenant,
      List<Attribute> attributes) {

    Attribute identifier() {
      return attributes.get(0);
    }

    String key() {
      return module.name() + "." + name;
    }

    /** O11's table: nullable columns except the identifier, whose primary key is OSPRK_. */
    String createTableSql() {
      List<String> columns = new ArrayList<>();
      for (Attribute attribute : attributes) {
        boolean id = attribute == identifier();
        columns.add(
            quote(attribute.column())
                + " "
                + attribute.sqlType()
                + (attribute.autoNumber() ? " IDENTITY(1,1)" : "")
                + (id ? " NOT NULL" : " NULL"));
      }
      if (multitenant) {
        columns.add("[TENANT_ID] INT NULL");
      }
      columns.add(
          "CONSTRAINT "
              + quote("OSPRK_" + table)
              + " PRIMARY KEY ("
              + quote(identifier().column())
              + ")");
      return "CREATE TABLE " + quote(table) + " (" + String.join(", ", columns) + ")";
    }
  }

  /** One ossys_Role row. */
  record Role(Module module, String name, String ssKey, boolean active) {}

  /** The platform tables that hold metadata; ossys_User comes from the User entity instead. */
  static final List<String> PLATFORM_TABLES_DDL =
      List.of(
          "CREATE TABLE [ossys_Espace] ([Id] INT IDENTITY(1,1) NOT NULL PRIMARY KEY,"
              + " [Name] NVARCHAR(50) NOT NULL, [SS_Key] VARCHAR(36) NOT NULL, [Is_Active] BIT NOT NULL,"
              + " [Is_System] BIT NOT NULL, [EspaceKind] NVARCHAR(50) NOT NULL,"
              + " [User_Provider_Espace_Id] INT NULL)",
          "CREATE TABLE [ossys_Tenant] ([Id] INT IDENTITY(1,1) NOT NULL PRIMARY KEY,"
              + " [Name] NVARCHAR(50) NOT NULL, [Espace_Id] INT NULL, [Is_Active] BIT NOT NULL,"
              + " [Is_Default] BIT NOT NULL)",
          "CREATE TABLE [ossys_Entity] ([Id] INT IDENTITY(1,1) NOT NULL PRIMARY KEY,"
              + " [Name] NVARCHAR(50) NOT NULL, [Physical_Table_Name] VARCHAR(128) NOT NULL,"
              + " [Espace_Id] INT NOT NULL, [SS_Key] VARCHAR(36) NOT NULL,"
              + " [PrimaryKey_SS_Key] VARCHAR(36) NOT NULL, [Is_Active] BIT NOT NULL,"
              + " [Is_System] BIT NOT NULL, [Data_Kind] VARCHAR(20) NOT NULL,"
              + " [Is_Multitenant] BIT NOT NULL)",
          "CREATE TABLE [ossys_Entity_Attr] ([Id] INT IDENTITY(1,1) NOT NULL PRIMARY KEY,"
              + " [Entity_Id] INT NOT NULL, [Name] NVARCHAR(50) NOT NULL, [SS_Key] VARCHAR(36) NOT NULL,"
              + " [Database_Name] VARCHAR(128) NOT NULL, [Type] VARCHAR(100) NOT NULL,"
              + " [Length] INT NOT NULL, [Decimals] INT NOT NULL, [Is_Mandatory] BIT NOT NULL,"
              + " [Is_AutoNumber] BIT NOT NULL, [Delete_Rule] VARCHAR(20) NULL,"
              + " [Is_Active] BIT NOT NULL, [Position] INT NOT NULL)",
          "CREATE TABLE [ossys_Entity_Record] ([Id] INT IDENTITY(1,1) NOT NULL PRIMARY KEY,"
              + " [Entity_SS_Key] VARCHAR(36) NOT NULL, [Espace_Id] INT NOT NULL,"
              + " [Data_Id] INT NOT NULL, [SS_Key] VARCHAR(36) NOT NULL, [Is_Active] BIT NOT NULL)",
          "CREATE TABLE [ossys_Role] ([Id] INT IDENTITY(1,1) NOT NULL PRIMARY KEY,"
              + " [Name] NVARCHAR(50) NOT NULL, [SS_Key] VARCHAR(36) NOT NULL,"
              + " [Espace_Id] INT NOT NULL, [Is_Active] BIT NOT NULL)",
          "CREATE TABLE [ossys_User_Role] ([Id] INT IDENTITY(1,1) NOT NULL PRIMARY KEY,"
              + " [User_Id] INT NOT NULL, [Role_Id] INT NOT NULL)");

  static final List<String> PLATFORM_TABLES =
      List.of(
          "ossys_Espace",
          "ossys_Tenant",
          "ossys_Entity",
          "ossys_Entity_Attr",
          "ossys_Entity_Record",
          "ossys_Role",
          "ossys_User_Role");

  /**
   * SQL Server's bracket quoting. The product's dialect has the same one-liner; the sample keeps
   * its own so that it depends on no product module and the product ships without the sample.
   */
  static String quote(String identifier) {
    return "[" + identifier.replace("]", "]]") + "]";
  }
}
