package org.odcmigrate.o11;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The attributes of O11's entities ({@code ossys_Entity_Attr}), each placed in its physical column,
 * with what the platform tables leave open derived and said as {@link O11Metadata} does.
 */
final class O11Attributes {

  static final String TABLE = "ossys_Entity_Attr";

  /** An attribute as listed, with its column; {@code unknownType} a type code no O11 doc lists. */
  record Row(O11Attribute attribute, String column, String unknownType) {}

  private final Connection connection;
  private final PlatformSchema schema;
  private final Set<String> derived;

  O11Attributes(Connection connection, PlatformSchema schema, Set<String> derived) {
    this.connection = connection;
    this.schema = schema;
    this.derived = derived;
  }

  /** The active attributes of every entity, by the entity's id, in their order. */
  Map<Integer, List<Row>> read() throws SQLException {
    Optional<String> columnName =
        schema.firstOf(TABLE, List.of("Database_Name", "Physical_Column_Name"));
    if (columnName.isEmpty()) {
      derived.add(
          "attribute columns: ossys_Entity_Attr has neither Database_Name nor Physical_Column_Name, so each"
              + " attribute's column is the physical table's column of the same name, compared as O11 upper-cases it");
    }
    Optional<String> position = schema.columnOf(TABLE, "Position");
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
    Map<Integer, List<Row>> attributes = new HashMap<>();
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
                new Row(
                    attribute,
                    rs.getString(10),
                    reference == null && type == null ? typeCode : null));
      }
    }
    return attributes;
  }

  /**
   * Gives each attribute its physical column: the one the platform names, else the table's column
   * of its name.
   */
  List<O11Attribute> place(
      String entity, boolean system, PhysicalTable table, List<Row> rows, Set<O11Reference> active)
      throws SQLException {
    List<O11Attribute> attributes = new ArrayList<>(rows.size());
    for (Row row : rows) {
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
