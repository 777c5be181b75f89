package org.odcmigrate.o11;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.odcmigrate.model.O11Type;

/**
 * Reads the active modules, entities and attributes of an O11 environment from its platform
 * tables. Deleted metadata is only flagged inactive in O11, so everything here filters on
 * Is_Active; physical names are read, never derived.
 */
public final class O11Metadata {

  private static final String USER_TABLE = "ossys_User";

  private O11Metadata() {}

  public static O11Model read(Connection connection) throws SQLException {
    String columnNameColumn = attributeColumnNameColumn(connection);
    Map<Integer, ModuleRow> modules = readModules(connection);
    Map<Integer, List<O11Attribute>> attributes = readAttributes(connection, columnNameColumn);

    Map<Integer, List<O11Entity>> entitiesByModule = new LinkedHashMap<>();
    Map<O11Reference, O11Entity> entities = new HashMap<>();
    O11Reference user = null;
    String sql = "SELECT [Id], [Espace_Id], [Name], [SS_Key], [Physical_Table_Name], [PrimaryKey_SS_Key],"
        + " [Data_Kind], [Is_Multitenant] FROM [ossys_Entity] WHERE [Is_Active] = 1 ORDER BY [Espace_Id], [Name]";
    try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ModuleRow module = modules.get(rs.getInt("Espace_Id"));
        if (module == null) {
          continue; // entity of an inactive module
        }
        O11Entity entity = new O11Entity(
            rs.getString("Name"),
            rs.getString("SS_Key"),
            rs.getString("Physical_Table_Name"),
            O11Entity.Kind.of(rs.getString("Data_Kind")),
            rs.getBoolean("Is_Multitenant"),
            rs.getString("PrimaryKey_SS_Key"),
            attributes.getOrDefault(rs.getInt("Id"), List.of()));
        O11Reference ref = new O11Reference(module.key(), entity.key());
        entities.put(ref, entity);
        entitiesByModule.computeIfAbsent(rs.getInt("Espace_Id"), k -> new ArrayList<>()).add(entity);
        if (USER_TABLE.equalsIgnoreCase(entity.physicalTable())) {
          user = ref;
        }
      }
    }

    List<O11Module> result = new ArrayList<>();
    modules.forEach((id, m) -> {
      if (!m.system()) {
        result.add(new O11Module(m.name(), m.key(), m.defaultUserProvider(), entitiesByModule.getOrDefault(id, List.of())));
      }
    });
    return new O11Model(List.copyOf(result), Map.copyOf(entities), user);
  }

  private record ModuleRow(String name, String key, boolean system, boolean defaultUserProvider) {}

  private static Map<Integer, ModuleRow> readModules(Connection connection) throws SQLException {
    Map<Integer, ModuleRow> modules = new LinkedHashMap<>();
    String sql = "SELECT [Id], [Name], [SS_Key], [Is_System], [User_Provider_Espace_Id] FROM [ossys_Espace]"
        + " WHERE [Is_Active] = 1 ORDER BY [Name]";
    try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rs.getInt("User_Provider_Espace_Id");
        boolean defaultProvider = rs.wasNull();
        modules.put(rs.getInt("Id"), new ModuleRow(rs.getString("Name"), rs.getString("SS_Key"), rs.getBoolean("Is_System"), defaultProvider));
      }
    }
    return modules;
  }

  private static Map<Integer, List<O11Attribute>> readAttributes(Connection connection, String columnNameColumn)
      throws SQLException {
    Map<Integer, List<O11Attribute>> attributes = new HashMap<>();
    String sql = "SELECT [Entity_Id], [Name], [SS_Key], [" + columnNameColumn + "] AS [Column_Name], [Type], [Length],"
        + " [Decimals], [Is_Mandatory], [Is_AutoNumber], [Delete_Rule] FROM [ossys_Entity_Attr]"
        + " WHERE [Is_Active] = 1 ORDER BY [Entity_Id], [Position], [Id]";
    try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String typeCode = rs.getString("Type");
        O11Reference reference = O11Reference.parse(typeCode);
        attributes.computeIfAbsent(rs.getInt("Entity_Id"), k -> new ArrayList<>()).add(new O11Attribute(
            rs.getString("Name"),
            rs.getString("SS_Key"),
            rs.getString("Column_Name"),
            reference == null ? O11Type.ofCode(typeCode) : null,
            reference,
            rs.getInt("Length"),
            rs.getInt("Decimals"),
            rs.getBoolean("Is_Mandatory"),
            rs.getBoolean("Is_AutoNumber"),
            rs.getString("Delete_Rule")));
      }
    }
    return attributes;
  }

  /** O11 versions name the physical column Database_Name or Physical_Column_Name; ask which. */
  private static String attributeColumnNameColumn(Connection connection) throws SQLException {
    String sql = "SELECT [COLUMN_NAME] FROM [INFORMATION_SCHEMA].[COLUMNS] WHERE [TABLE_NAME] = 'ossys_Entity_Attr'";
    List<String> columns = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        columns.add(rs.getString(1).toLowerCase(Locale.ROOT));
      }
    }
    if (columns.isEmpty()) {
      throw new SQLException("table ossys_Entity_Attr not found: is this the O11 platform database?");
    }
    for (String candidate : List.of("Database_Name", "Physical_Column_Name")) {
      if (columns.contains(candidate.toLowerCase(Locale.ROOT))) {
        return candidate;
      }
    }
    throw new SQLException("ossys_Entity_Attr has neither Database_Name nor Physical_Column_Name: columns are " + columns);
  }
}
