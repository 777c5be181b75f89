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
    for (String table : List.of("ossys_Espace", "ossys_Entity", O11Attributes.TABLE)) {
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
    O11Attributes listed = new O11Attributes(connection, schema, derived);
    Map<Integer, List<O11Attributes.Row>> attributes = listed.read();

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
              listed.place(
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
}
