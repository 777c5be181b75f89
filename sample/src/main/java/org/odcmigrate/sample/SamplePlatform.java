package org.odcmigrate.sample;

import static org.odcmigrate.sample.SampleSchema.quote;
import static org.odcmigrate.sample.SampleWriter.row;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odcmigrate.sample.SampleRows.Rows;
import org.odcmigrate.sample.SampleSchema.Attribute;
import org.odcmigrate.sample.SampleSchema.Entity;
import org.odcmigrate.sample.SampleSchema.Module;
import org.odcmigrate.sample.SampleSchema.Role;

/**
 * The platform's rows of the sample: modules, tenants, entities and attributes, roles, and the
 * static Country records with their ossys_Entity_Record rows.
 */
final class SamplePlatform {

  private final SampleWriter writer;
  private final SampleModel model;
  private final SampleRows rows;

  SamplePlatform(SampleWriter writer, SampleModel model, SampleRows rows) {
    this.writer = writer;
    this.model = model;
    this.rows = rows;
  }

  Map<String, Integer> insertModules() throws SQLException {
    List<Map<String, Object>> espaces = new ArrayList<>();
    for (Module module : model.modules) {
      espaces.add(
          row(
              "Name",
              module.name(),
              "SS_Key",
              module.ssKey(),
              "Is_Active",
              module.active(),
              "Is_System",
              module.system(),
              "EspaceKind",
              "eSpace",
              // NULL: the module's end users come from the default Users provider.
              "User_Provider_Espace_Id",
              SampleValues.NULL_INT));
    }
    writer.insert("ossys_Espace", Rows.of(espaces));
    return writer.idsByKey("ossys_Espace");
  }

  /** The default tenant "Users" holds all data; a second tenant exists but holds nothing. */
  int insertTenants(int usersEspaceId) throws SQLException {
    writer.insert(
        "ossys_Tenant",
        Rows.of(
            List.of(
                row(
                    "Name",
                    "Users",
                    "Espace_Id",
                    usersEspaceId,
                    "Is_Active",
                    true,
                    "Is_Default",
                    true),
                row(
                    "Name",
                    "Branch Office",
                    "Espace_Id",
                    usersEspaceId,
                    "Is_Active",
                    true,
                    "Is_Default",
                    false))));
    return (int) writer.readIds("SELECT [Id] FROM [ossys_Tenant] WHERE [Name] = 'Users'")[0];
  }

  void insertEntities(Map<String, Integer> espaceIds) throws SQLException {
    List<Map<String, Object>> entities = new ArrayList<>();
    for (Entity entity : model.entities) {
      entities.add(
          row(
              "Name",
              entity.name(),
              "Physical_Table_Name",
              entity.table(),
              "Espace_Id",
              espaceIds.get(entity.module().ssKey()),
              "SS_Key",
              entity.ssKey(),
              "PrimaryKey_SS_Key",
              entity.identifier().ssKey(),
              "Is_Active",
              true,
              "Is_System",
              entity.system(),
              "Data_Kind",
              entity.dataKind(),
              "Is_Multitenant",
              entity.multitenant()));
    }
    writer.insert("ossys_Entity", Rows.of(entities));
    Map<String, Integer> entityIds = writer.idsByKey("ossys_Entity");
    List<Map<String, Object>> attributes = new ArrayList<>();
    for (Entity entity : model.entities) {
      int position = 0;
      for (Attribute attribute : entity.attributes()) {
        attributes.add(
            row(
                "Entity_Id",
                entityIds.get(entity.ssKey()),
                "Name",
                attribute.name(),
                "SS_Key",
                attribute.ssKey(),
                "Database_Name",
                attribute.column(),
                "Type",
                attribute.o11Type(),
                "Length",
                attribute.length(),
                "Decimals",
                attribute.decimals(),
                "Is_Mandatory",
                attribute.mandatory(),
                "Is_AutoNumber",
                attribute.autoNumber(),
                "Delete_Rule",
                attribute.deleteRule() == null ? SampleValues.NULL_TEXT : attribute.deleteRule(),
                "Is_Active",
                attribute.active(),
                "Position",
                position++));
      }
    }
    writer.insert("ossys_Entity_Attr", Rows.of(attributes));
  }

  List<Integer> insertRoles(Map<String, Integer> espaceIds) throws SQLException {
    List<Map<String, Object>> roles = new ArrayList<>();
    for (Role role : model.roles) {
      roles.add(
          row(
              "Name",
              role.name(),
              "SS_Key",
              role.ssKey(),
              "Espace_Id",
              espaceIds.get(role.module().ssKey()),
              "Is_Active",
              role.active()));
    }
    writer.insert("ossys_Role", Rows.of(roles));
    Map<String, Integer> roleIds = writer.idsByKey("ossys_Role");
    return model.roles.stream().map(role -> roleIds.get(role.ssKey())).toList();
  }

  /** Ids of the static Country records: those with a physical row, and the deleted one. */
  record CountryIds(int[] live, int deleted) {}

  /**
   * Inserts the static Country records, then deletes one physical row while its ossys_Entity_Record
   * stays (inactive): app rows keep referencing a missing static record.
   */
  CountryIds insertCountries(int espaceId) throws SQLException {
    Entity country = model.entity("Customers.Country");
    writer.insertData(country, rows.countries());
    Map<String, Integer> idsByCode = new LinkedHashMap<>();
    try (Statement statement = writer.connection().createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT [ID], [CODE] FROM " + quote(country.table()))) {
      while (rs.next()) {
        idsByCode.put(rs.getString(2), rs.getInt(1));
      }
    }
    List<Map<String, Object>> records = new ArrayList<>();
    for (Map.Entry<String, Integer> record : idsByCode.entrySet()) {
      records.add(
          row(
              "Entity_SS_Key",
              country.ssKey(),
              "Espace_Id",
              espaceId,
              "Data_Id",
              record.getValue(),
              "SS_Key",
              SampleModel.ssKey("record", country.key() + "." + record.getKey()),
              "Is_Active",
              !record.getKey().equals(SampleRows.DELETED_COUNTRY_CODE)));
    }
    writer.insert("ossys_Entity_Record", Rows.of(records));
    try (PreparedStatement delete =
        writer
            .connection()
            .prepareStatement("DELETE FROM " + quote(country.table()) + " WHERE [CODE] = ?")) {
      delete.setString(1, SampleRows.DELETED_COUNTRY_CODE);
      writer.count(country.table(), -delete.executeUpdate());
    }
    writer.connection().commit();
    int deleted = idsByCode.remove(SampleRows.DELETED_COUNTRY_CODE);
    return new CountryIds(
        idsByCode.values().stream().mapToInt(Integer::intValue).toArray(), deleted);
  }
}
