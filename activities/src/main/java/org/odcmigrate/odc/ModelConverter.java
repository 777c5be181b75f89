package org.odcmigrate.odc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import org.odcmigrate.o11.O11Attribute;
import org.odcmigrate.o11.O11Entity;
import org.odcmigrate.o11.O11Model;
import org.odcmigrate.o11.O11Module;
import org.odcmigrate.o11.SqlServerDialect;
import org.odcmigrate.users.O11Roles;

/**
 * The stand-in for ODC code migration: turns O11 modules into stage apps, writing the catalog, one
 * schema per app with one table per entity, the foreign keys of in-app references, the records of
 * static entities (they come with the code in ODC) and the app's runtime role. The apps are left
 * PUBLISHED and deployed. Converting an app again replaces it, data included.
 */
public final class ModelConverter {

  private final O11Model model;
  private final Function<O11Module, String> appKeys;

  /** Converts as this stand-in always has: each app keyed by its module's SS_Key. */
  public ModelConverter(O11Model model) {
    this(model, O11Module::key);
  }

  /**
   * Converts giving each app the key {@code appKeys} names for its module. ODC code migration gives
   * apps keys of their own; the catalog keeps the module's key as {@code source_module_key}.
   */
  public ModelConverter(O11Model model, Function<O11Module, String> appKeys) {
    this.model = model;
    this.appKeys = appKeys;
  }

  /** Converts the named modules (all application modules when the list is empty). */
  public List<String> convert(List<String> moduleNames, Connection source, Connection stage)
      throws SQLException {
    List<O11Module> modules = select(moduleNames);
    // Over all modules, not just the selected ones: a schema must not take another app's name.
    Map<String, String> schemas =
        StageNames.distinct(model.modules().stream().map(O11Module::name).toList(), "modules");
    for (O11Module module : modules) {
      ModuleNames.of(module); // refuses names that would meet before anything is replaced
    }
    StageCatalog.install(stage);
    StageTransaction.run(
        stage,
        () -> {
          for (O11Module module : modules) {
            convert(module, schemas.get(module.name()), source, stage);
          }
          return null;
        });
    return modules.stream().map(O11Module::name).toList();
  }

  private List<O11Module> select(List<String> names) {
    if (names == null || names.isEmpty()) {
      return model.modules();
    }
    List<O11Module> modules = new ArrayList<>();
    for (String name : names) {
      modules.add(
          model
              .moduleNamed(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "module '"
                              + name
                              + "' is not an active application module of the environment; modules are "
                              + model.modules().stream().map(O11Module::name).toList())));
    }
    return modules;
  }

  private void convert(O11Module module, String schema, Connection source, Connection stage)
      throws SQLException {
    ModuleNames names = ModuleNames.of(module);
    String role = StageNames.runtimeRole(schema);
    String appKey = appKeys.apply(module);
    // The app converted from this module before is replaced, whatever key it was given then.
    try (PreparedStatement delete =
        stage.prepareStatement(
            "DELETE FROM odc_catalog.app WHERE lower(source_module_key) = lower(?)")) {
      delete.setString(1, module.key());
      delete.executeUpdate();
    }
    try (Statement st = stage.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + StageNames.quote(schema) + " CASCADE");
      st.execute("CREATE SCHEMA " + StageNames.quote(schema));
    }
    StageCatalog.recordApp(stage, appKey, module, schema, role);
    for (O11Entity entity : module.entities()) {
      if (entity.kind() == O11Entity.Kind.CLIENT) {
        continue; // client entities live on devices, not in the database
      }
      String table = names.table(entity);
      createTable(stage, schema, table, entity, names);
      StageCatalog.recordEntity(stage, appKey, entity, table, names);
      if (entity.kind() == O11Entity.Kind.STATIC) {
        copyStaticRecords(source, stage, appKey, schema, table, entity, module.key(), names);
      }
    }
    for (O11Entity entity : module.entities()) {
      if (entity.kind() != O11Entity.Kind.CLIENT) {
        addForeignKeys(stage, module, schema, entity, names);
      }
    }
    createRuntimeRole(stage, schema, role);
    insertAppRoles(source, stage, module, appKey);
  }

  /** The module's roles come with the converted code: they become the app's roles. */
  private static void insertAppRoles(
      Connection source, Connection stage, O11Module module, String appKey) throws SQLException {
    try (PreparedStatement ps =
        stage.prepareStatement(
            "INSERT INTO odc_catalog.app_role (app_key, role_key, name) VALUES (?, ?, ?)")) {
      for (O11Roles.Role role : O11Roles.roles(source)) {
        if (role.moduleKey().equalsIgnoreCase(module.key())) {
          ps.setString(1, appKey);
          ps.setString(2, role.roleKey());
          ps.setString(3, role.name());
          ps.addBatch();
        }
      }
      ps.executeBatch();
    }
  }

  private void createTable(
      Connection stage, String schema, String table, O11Entity entity, ModuleNames names)
      throws SQLException {
    O11Attribute identifier = entity.identifier();
    StringJoiner columns = new StringJoiner(",\n  ", "(\n  ", "\n)");
    for (O11Attribute attribute : entity.attributes()) {
      StringBuilder definition =
          new StringBuilder(StageNames.quote(names.column(entity, attribute)))
              .append(' ')
              .append(StageTypes.columnType(attribute, model));
      if (attribute == identifier) {
        if (attribute.autoNumber()) {
          definition.append(" GENERATED BY DEFAULT AS IDENTITY");
        }
        definition.append(" PRIMARY KEY");
      } else if (!attribute.isReference()) {
        definition.append(" NOT NULL"); // O11 has no NULL outside references
      }
      columns.add(definition);
    }
    try (Statement st = stage.createStatement()) {
      st.execute("CREATE TABLE " + StageNames.qualified(schema, table) + " " + columns);
    }
  }

  private void addForeignKeys(
      Connection stage, O11Module module, String schema, O11Entity entity, ModuleNames names)
      throws SQLException {
    for (O11Attribute attribute : entity.attributes()) {
      if (!attribute.hasForeignKey(module.key()) || attribute == entity.identifier()) {
        continue; // only references inside the app, and not by Ignore, get a foreign key
      }
      String onDelete = "Protect".equals(attribute.deleteRule()) ? "RESTRICT" : "CASCADE";
      O11Entity target = model.target(attribute.reference()).orElseThrow();
      String table = names.table(entity);
      String column = names.column(entity, attribute);
      String constraint = StageNames.derived(table + "_" + column + "_fk");
      try (Statement st = stage.createStatement()) {
        st.execute(
            "ALTER TABLE "
                + StageNames.qualified(schema, table)
                + " ADD CONSTRAINT "
                + StageNames.quote(constraint)
                + " FOREIGN KEY ("
                + StageNames.quote(column)
                + ") REFERENCES "
                + StageNames.qualified(schema, names.table(target))
                + " ("
                + StageNames.quote(names.column(target, target.identifier()))
                + ") ON DELETE "
                + onDelete);
      }
    }
  }

  /**
   * Static records ship with the converted code: the active ones, with their O11 ids, each recorded
   * in the catalog with its key, by which a migration from another environment finds it.
   */
  private void copyStaticRecords(
      Connection source,
      Connection stage,
      String appKey,
      String schema,
      String table,
      O11Entity entity,
      String moduleKey,
      ModuleNames names)
      throws SQLException {
    List<O11Attribute> attributes = entity.attributes();
    StringJoiner targetColumns = new StringJoiner(", ");
    StringJoiner marks = new StringJoiner(", ");
    for (O11Attribute attribute : attributes) {
      targetColumns.add(StageNames.quote(names.column(entity, attribute)));
      marks.add("?");
    }
    String select = SqlServerDialect.selectStaticRecords(entity);
    String insert =
        "INSERT INTO "
            + StageNames.qualified(schema, table)
            + " ("
            + targetColumns
            + ") VALUES ("
            + marks
            + ")";
    int id = attributes.indexOf(entity.identifier());
    try (PreparedStatement read = source.prepareStatement(select);
        PreparedStatement write = stage.prepareStatement(insert);
        PreparedStatement key =
            stage.prepareStatement(
                "INSERT INTO odc_catalog.static_record (app_key, entity_key, record_key, record_id)"
                    + " VALUES (?, ?, ?, ?)")) {
      read.setString(1, entity.key());
      read.setString(2, moduleKey);
      try (ResultSet rs = read.executeQuery()) {
        while (rs.next()) {
          for (int i = 0; i < attributes.size(); i++) {
            write.setObject(i + 1, rs.getObject(i + 1));
          }
          write.addBatch();
          key.setString(1, appKey);
          key.setString(2, entity.key());
          key.setString(3, rs.getString(attributes.size() + 1));
          key.setString(4, rs.getString(id + 1));
          key.addBatch();
        }
      }
      write.executeBatch();
      key.executeBatch();
    }
  }

  private void createRuntimeRole(Connection stage, String schema, String role) throws SQLException {
    try (Statement st = stage.createStatement()) {
      st.execute(
          "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
              + role
              + "') THEN "
              + "CREATE ROLE "
              + StageNames.quote(role)
              + " LOGIN; END IF; END $$");
      st.execute("ALTER ROLE " + StageNames.quote(role) + " LOGIN");
      st.execute(
          "GRANT USAGE ON SCHEMA " + StageNames.quote(schema) + " TO " + StageNames.quote(role));
      st.execute(
          "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "
              + StageNames.quote(schema)
              + " TO "
              + StageNames.quote(role));
    }
  }
}
