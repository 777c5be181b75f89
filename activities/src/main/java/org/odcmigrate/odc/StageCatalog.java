package org.odcmigrate.odc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odcmigrate.o11.O11Attribute;
import org.odcmigrate.o11.O11Entity;
import org.odcmigrate.o11.O11Module;

/**
 * The stage's own catalog (schema {@code odc_catalog}): the apps that code migration produced,
 * their entities and attributes, and the migration bookkeeping (plans, checkpoints, range
 * fingerprints, dropped foreign keys, reports). Also the user store ({@code odc_identity}).
 */
public final class StageCatalog {

  private StageCatalog() {}

  /**
   * Creates the catalog if it is missing; safe to run again. A catalog already at this version is
   * only read, so installing never takes locks that would stop readers of a busy stage.
   */
  public static void install(Connection connection) throws SQLException {
    if (installedVersion(connection) >= CatalogSchema.VERSION) {
      return;
    }
    StageTransaction.run(
        connection,
        () -> {
          try (Statement st = connection.createStatement()) {
            // Serialises concurrent installs: CREATE ... IF NOT EXISTS is not safe against itself.
            st.execute("SELECT pg_advisory_xact_lock(hashtext('odc_catalog.install'))");
            st.execute(CatalogSchema.DDL);
            st.execute("DELETE FROM odc_catalog.schema_version");
            st.execute(
                "INSERT INTO odc_catalog.schema_version (version) VALUES ("
                    + CatalogSchema.VERSION
                    + ")");
          }
          return null;
        });
  }

  /** Whether the stage has a catalog at all (read only, unlike {@link #install}). */
  public static boolean isInstalled(Connection connection) throws SQLException {
    return installedVersion(connection) > 0;
  }

  private static int installedVersion(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      try (ResultSet rs =
          st.executeQuery("SELECT to_regclass('odc_catalog.schema_version') IS NOT NULL")) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return 0;
        }
      }
      try (ResultSet rs =
          st.executeQuery("SELECT coalesce(max(version), 0) FROM odc_catalog.schema_version")) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Every app of the stage with its entities and attributes. */
  public static List<CatalogApp> apps(Connection connection) throws SQLException {
    Map<String, List<CatalogAttribute>> attributes = new LinkedHashMap<>();
    try (PreparedStatement ps =
            connection.prepareStatement(
                "SELECT app_key, entity_key, attribute_key, name, column_name, data_type, length, decimals,"
                    + " is_mandatory, is_identifier, is_auto_number FROM odc_catalog.attribute ORDER BY position");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        attributes
            .computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new ArrayList<>())
            .add(
                new CatalogAttribute(
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getInt(7),
                    rs.getInt(8),
                    rs.getBoolean(9),
                    rs.getBoolean(10),
                    rs.getBoolean(11)));
      }
    }
    Map<String, List<CatalogEntity>> entities = new LinkedHashMap<>();
    try (PreparedStatement ps =
            connection.prepareStatement(
                "SELECT app_key, entity_key, name, table_name, is_static FROM odc_catalog.entity ORDER BY name");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String app = rs.getString(1);
        entities
            .computeIfAbsent(app, k -> new ArrayList<>())
            .add(
                new CatalogEntity(
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getBoolean(5),
                    attributes.getOrDefault(app + "/" + rs.getString(2), List.of())));
      }
    }
    List<CatalogApp> apps = new ArrayList<>();
    try (PreparedStatement ps =
            connection.prepareStatement(
                "SELECT app_key, name, source_module_key, schema_name, status, deployed, runtime_role, undeployed_by"
                    + " FROM odc_catalog.app ORDER BY name");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        apps.add(
            new CatalogApp(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getBoolean(6),
                rs.getString(7),
                rs.getString(8),
                entities.getOrDefault(rs.getString(1), List.of())));
      }
    }
    return apps;
  }

  /**
   * Records a converted app in the catalog: published and deployed, as code migration leaves it.
   */
  static void recordApp(
      Connection stage, String appKey, O11Module module, String schema, String role)
      throws SQLException {
    try (PreparedStatement ps =
        stage.prepareStatement(
            "INSERT INTO odc_catalog.app (app_key, name, source_module_key, schema_name, status, deployed, runtime_role)"
                + " VALUES (?, ?, ?, ?, 'PUBLISHED', true, ?)")) {
      ps.setString(1, appKey);
      ps.setString(2, module.name());
      ps.setString(3, module.key());
      ps.setString(4, schema);
      ps.setString(5, role);
      ps.executeUpdate();
    }
  }

  /** Records a converted entity and its attributes, in O11's order, in the catalog. */
  static void recordEntity(
      Connection stage, String appKey, O11Entity entity, String table, ModuleNames names)
      throws SQLException {
    try (PreparedStatement ps =
        stage.prepareStatement(
            "INSERT INTO odc_catalog.entity (app_key, entity_key, name, table_name, is_static) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, appKey);
      ps.setString(2, entity.key());
      ps.setString(3, entity.name());
      ps.setString(4, table);
      ps.setBoolean(5, entity.kind() == O11Entity.Kind.STATIC);
      ps.executeUpdate();
    }
    O11Attribute identifier = entity.identifier();
    try (PreparedStatement ps =
        stage.prepareStatement(
            "INSERT INTO odc_catalog.attribute (app_key, entity_key, attribute_key, name, column_name, data_type, length,"
                + " decimals, is_mandatory, is_identifier, is_auto_number, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int position = 0;
      for (O11Attribute attribute : entity.attributes()) {
        ps.setString(1, appKey);
        ps.setString(2, entity.key());
        ps.setString(3, attribute.key());
        ps.setString(4, attribute.name());
        ps.setString(5, names.column(entity, attribute));
        ps.setString(6, attribute.typeCode());
        ps.setInt(7, attribute.length());
        ps.setInt(8, attribute.decimals());
        ps.setBoolean(9, attribute.mandatory());
        ps.setBoolean(10, attribute == identifier);
        ps.setBoolean(11, attribute.autoNumber());
        ps.setInt(12, position++);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
