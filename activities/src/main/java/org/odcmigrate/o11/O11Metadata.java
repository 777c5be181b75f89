package org.odcmigrate.o11;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the active modules, entities and attributes of an O11 environment from its platform tables.
 * Deleted metadata is only flagged inactive in O11, so everything here filters on Is_Active;
 * physical names are read, never derived. Only the columns public sources confirm are required
 * (O11-FACTS); the others are used when INFORMATION_SCHEMA shows them, and otherwise the same fact
 * is derived and said in {@link O11Model#derived()}.
 */
public final class O11Metadata {

  private static final String USER_TABLE = "ossys_User";
  private static final String ATTRIBUTES = "ossys_Entity_Attr";
  private static final String TENANT_COLUMN = "TENANT_ID";

  private final Connection connection;
  private final PlatformSchema schema;
  private final Set<String> derived = new LinkedHashSet<>();
  private final Map<String, PlatformSchema> catalogs = new HashMap<>();

  private O11Metadata(Connection connection, PlatformSchema schema) {
    this.connection = connection;
    this.schema = schema;
  }

  public static O11Model read(Connection connection) throws SQLException {
    PlatformSchema schema = PlatformSchema.read(connection);
    for (String table : List.of("ossys_Espace", "ossys_Entity", ATTRIBUTES)) {
      if (!schema.hasTable(table)) {
        throw new SQLException(
            "table "
                + table
                + " not found: is this the O11 platform database"
                + " (the runtime or admin database of the environment)?");
      }
    }
    return new O11Metadata(connection, schema).read();
  }

  private O11Model read() throws SQLException {
    Map<Integer, ModuleRow> modules = readModules();
    Map<Integer, List<AttributeRow>> attributes = readAttributes();

    Map<Integer, List<O11Entity>> entitiesByModule = new LinkedHashMap<>();
    Map<O11Reference, O11Entity> entities = new HashMap<>();
    O11Reference user = null;
    Optional<String> multitenantFlag = schema.columnOf("ossys_Entity", "Is_Multitenant");
    if (multitenantFlag.isEmpty()) {
      derived.add(
          "multi-tenancy: ossys_Entity has no Is_Multitenant column, so an entity is multi-tenant"
              + " when its physical table has a "
              + TENANT_COLUMN
              + " column");
    }
    String sql =
        "SELECT [Id], [Espace_Id], [Name], [SS_Key], [Physical_Table_Name], [PrimaryKey_SS_Key], [Data_Kind]"
            + multitenantFlag.map(c -> ", " + SqlServerDialect.quote(c)).orElse("")
            + " FROM [ossys_Entity] WHERE [Is_Active] = 1 ORDER BY [Espace_Id], [Name]";
    List<EntityRow> rows = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ModuleRow module = modules.get(rs.getInt("Espace_Id"));
        if (module == null) {
          continue; // entity of an inactive module
        }
        rows.add(
            new EntityRow(
                rs.getInt("Id"),
                rs.getInt("Espace_Id"),
                module,
                rs.getString("Name"),
                rs.getString("SS_Key"),
                rs.getString("Physical_Table_Name"),
                rs.getString("PrimaryKey_SS_Key"),
                rs.getString("Data_Kind"),
                multitenantFlag.isPresent() && rs.getBoolean(8)));
      }
    }
    Set<O11Reference> active =
        rows.stream()
            .map(r -> new O11Reference(r.module().key(), r.key()))
            .collect(Collectors.toSet());
    for (EntityRow row : rows) {
      PhysicalTable table = locate(row.module(), row.physical());
      boolean multitenant =
          multitenantFlag.isPresent()
              ? row.multitenant()
              : table.columns().has(table.name(), TENANT_COLUMN);
      String where = row.module().name() + "." + row.name();
      O11Entity entity =
          new O11Entity(
              row.name(),
              row.key(),
              table.qualified(),
              O11Entity.Kind.of(row.dataKind()),
              multitenant,
              row.identifierKey(),
              columnsOf(
                  where,
                  row.module().system(),
                  table,
                  attributes.getOrDefault(row.id(), List.of()),
                  active));
      O11Reference ref = new O11Reference(row.module().key(), entity.key());
      entities.put(ref, entity);
      entitiesByModule.computeIfAbsent(row.espaceId(), k -> new ArrayList<>()).add(entity);
      if (USER_TABLE.equalsIgnoreCase(row.physical())) {
        user = ref;
      }
    }

    List<O11Module> result = new ArrayList<>();
    modules.forEach(
        (id, m) -> {
          if (!m.system()) {
            result.add(
                new O11Module(
                    m.name(),
                    m.key(),
                    m.defaultUserProvider(),
                    entitiesByModule.getOrDefault(id, List.of())));
          }
        });
    // No public source shows a default flag on ossys_Tenant: this one is derived in every
    // environment (O11Users.USERS_TENANT).
    derived.add(
        "end users' tenant: no platform column marks the default tenant, so the end users, and the"
            + " only tenant whose rows multi-tenant entities may hold, are those of the tenant named"
            + " Users of the Users module");
    return new O11Model(List.copyOf(result), Map.copyOf(entities), user, List.copyOf(derived));
  }

  private record ModuleRow(
      String name, String key, boolean system, boolean defaultUserProvider, String catalog) {}

  /** An attribute as listed, with its column; {@code unknownType} a type code no O11 doc lists. */
  private record AttributeRow(O11Attribute attribute, String column, String unknownType) {}

  private record EntityRow(
      int id,
      int espaceId,
      ModuleRow module,
      String name,
      String key,
      String physical,
      String identifierKey,
      String dataKind,
      boolean multitenant) {}

  /**
   * Where an entity's rows are: the platform database, or the module's catalog when the table is
   * there.
   */
  private record PhysicalTable(String name, String qualified, PlatformSchema columns) {}

  private Map<Integer, ModuleRow> readModules() throws SQLException {
    Optional<String> provider = schema.columnOf("ossys_Espace", "User_Provider_Espace_Id");
    if (provider.isEmpty()) {
      derived.add(
          "user provider: ossys_Espace has no User_Provider_Espace_Id column, so every module"
              + " takes its end users from the default Users provider");
    }
    Optional<String> catalog =
        schema
            .columnOf("ossys_Espace", "DBCatalog_Id")
            .filter(c -> schema.has("ossys_DBCatalog", "Name"));
    String sql =
        "SELECT e.[Id], e.[Name], e.[SS_Key], e.[Is_System]"
            + provider.map(c -> ", e." + SqlServerDialect.quote(c)).orElse(", NULL")
            + catalog.map(c -> ", c.[Name]").orElse(", NULL")
            + " FROM [ossys_Espace] e"
            + catalog
                .map(
                    c ->
                        " LEFT JOIN [ossys_DBCatalog] c ON c.[Id] = e." + SqlServerDialect.quote(c))
                .orElse("")
            + " WHERE e.[Is_Active] = 1 ORDER BY e.[Name]";
    Map<Integer, ModuleRow> modules = new LinkedHashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rs.getInt(5);
        boolean defaultProvider = rs.wasNull();
        modules.put(
            rs.getInt(1),
            new ModuleRow(
                rs.getString(2),
                rs.getString(3),
                rs.getBoolean(4),
                defaultProvider,
                rs.getString(6)));
      }
    }
    return modules;
  }

  private Map<Integer, List<AttributeRow>> readAttributes() throws SQLException {
    Optional<String> columnName =
        schema.firstOf(ATTRIBUTES, List.of("Database_Name", "Physical_Column_Name"));
    if (columnName.isEmpty()) {
      derived.add(
          "attribute columns: ossys_Entity_Attr has neither Database_Name nor Physical_Column_Name, so each"
              + " attribute's column is the physical table's column of the same name, compared as O11 upper-cases it");
    }
    Optional<String> position = schema.columnOf(ATTRIBUTES, "Position");
    if (position.isEmpty()) {
      derived.add(
          "attribute order: ossys_Entity_Attr has no Position column, so attributes keep the order of their Id");
    }
    String sql =
        "SELECT [Entity_Id], [Name], [SS_Key], [Type], [Length], [Decimals], [Is_Mandatory], [Is_AutoNumber],"
            + " [Delete_Rule]"
            + columnName.map(c -> ", " + SqlServerDialect.quote(c)).orElse(", NULL")
            + " FROM [ossys_Entity_Attr] WHERE [Is_Active] = 1 ORDER BY [Entity_Id], "
            + position.map(c -> SqlServerDialect.quote(c) + ", ").orElse("")
            + "[Id]";
    Map<Integer, List<AttributeRow>> attributes = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String typeCode = rs.getString("Type");
        O11Reference reference = O11Reference.parse(typeCode);
        O11Type type = reference == null ? O11Type.ofCode(typeCode).orElse(null) : null;
        O11Attribute attribute =
            new O11Attribute(
                rs.getString("Name"),
                rs.getString("SS_Key"),
                null,
                type,
                reference,
                rs.getInt("Length"),
                rs.getInt("Decimals"),
                rs.getBoolean("Is_Mandatory"),
                rs.getBoolean("Is_AutoNumber"),
                rs.getString("Delete_Rule"));
        attributes
            .computeIfAbsent(rs.getInt("Entity_Id"), k -> new ArrayList<>())
            .add(
                new AttributeRow(
                    attribute,
                    rs.getString(10),
                    reference == null && type == null ? typeCode : null));
      }
    }
    return attributes;
  }

  /**
   * The entity's table in the platform database; when it is not there and the module has a database
   * catalog of its own, the table of that name in the catalog.
   */
  private PhysicalTable locate(ModuleRow module, String physical) throws SQLException {
    if (schema.hasTable(physical) || module.catalog() == null) {
      return new PhysicalTable(physical, physical, schema);
    }
    PlatformSchema catalog = catalogs.get(module.catalog());
    if (catalog == null) {
      catalog = PlatformSchema.readCatalog(connection, module.catalog());
      catalogs.put(module.catalog(), catalog);
    }
    if (!catalog.hasTable(physical)) {
      return new PhysicalTable(physical, physical, schema);
    }
    return new PhysicalTable(
        physical, SqlServerDialect.inCatalog(connection, module.catalog(), physical), catalog);
  }

  /**
   * Gives each attribute its physical column: the one the platform names, else the table's column
   * of its name.
   */
  private List<O11Attribute> columnsOf(
      String entity,
      boolean system,
      PhysicalTable table,
      List<AttributeRow> rows,
      Set<O11Reference> active)
      throws SQLException {
    List<O11Attribute> attributes = new ArrayList<>(rows.size());
    for (AttributeRow row : rows) {
      O11Attribute a = row.attribute();
      if (row.unknownType() != null) {
        if (system) {
          continue; // the platform's own entities are never migrated, only referenced
        }
        throw new SQLException(
            "entity "
                + entity
                + ", attribute "
                + a.name()
                + ": its type '"
                + row.unknownType()
                + "' is none of O11's entity attribute types, so it cannot be converted: change"
                + " the attribute's type in O11, or leave its module out");
      }
      String column = row.column();
      if (column == null) {
        column = table.columns().columnOf(table.name(), a.name()).orElse(null);
        if (column == null && !table.columns().hasTable(table.name())) {
          throw new SQLException(
              "entity "
                  + entity
                  + ": its table "
                  + table.qualified()
                  + " is not in the platform"
                  + " database nor in its module's catalog: grant the migration's login read access to it");
        }
        if (column == null) {
          throw new SQLException(
              "entity "
                  + entity
                  + ", attribute "
                  + a.name()
                  + ": table "
                  + table.qualified()
                  + " has no column of that name and ossys_Entity_Attr names none: the attribute cannot be read");
        }
      }
      O11Attribute placed =
          new O11Attribute(
              a.name(),
              a.key(),
              column,
              a.type(),
              a.reference(),
              a.length(),
              a.decimals(),
              a.mandatory(),
              a.autoNumber(),
              a.deleteRule());
      if (a.isReference() && !active.contains(a.reference())) {
        placed = asStoredValue(entity, placed, table.columns().typeOf(table.name(), column));
      }
      attributes.add(placed);
    }
    return attributes;
  }

  /**
   * A reference to an entity outside the environment's active modules (an extension's, or one of a
   * deleted module) has no target to convert or check against: it is taken as the value its column
   * stores, with no foreign key, and said so. A column of another type cannot be read that way.
   */
  private O11Attribute asStoredValue(
      String entity, O11Attribute reference, Optional<PlatformSchema.ColumnType> column)
      throws SQLException {
    String dataType = column.map(c -> c.dataType().toLowerCase(Locale.ROOT)).orElse("");
    O11Type type =
        switch (dataType) {
          case "int", "integer", "smallint", "tinyint" -> O11Type.INTEGER;
          case "bigint" -> O11Type.LONG_INTEGER;
          case "nvarchar", "varchar", "nchar", "char", "character varying", "character" ->
              O11Type.TEXT;
          default -> null;
        };
    if (type == null) {
      throw new SQLException(
          "entity "
              + entity
              + ", attribute "
              + reference.name()
              + ": it references an entity that is not in an active module of this environment ("
              + reference.typeCode()
              + ") and its column's type '"
              + dataType
              + "' is not an identifier's: make the attribute a basic type in O11, or point it to"
              + " an entity of the environment");
    }
    int length = type == O11Type.TEXT ? Math.max(0, column.get().maxLength()) : 0;
    derived.add(
        "attribute "
            + entity
            + "."
            + reference.name()
            + " references an entity that is not in an active module of this environment (an"
            + " extension's, or a deleted module's): it is converted and copied as the "
            + dataType
            + " value it stores, with no foreign key");
    return new O11Attribute(
        reference.name(),
        reference.key(),
        reference.column(),
        type,
        null,
        length,
        0,
        reference.mandatory(),
        false,
        reference.deleteRule());
  }
}
