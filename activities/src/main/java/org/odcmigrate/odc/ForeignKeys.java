package org.odcmigrate.odc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.odcmigrate.config.StageSessionSettings;

/**
 * Drops an app schema's foreign keys for the load and puts them back after it. Each definition is
 * recorded before its key is dropped, in the same transaction, so a crash at any point leaves
 * enough behind to restore it; a later migration adopts keys an earlier one left dropped.
 */
public final class ForeignKeys {

  // pg_get_constraintdef's form: FOREIGN KEY (a, b) REFERENCES schema.parent(x, y) ...
  private static final Pattern REFERENCE =
      Pattern.compile("^FOREIGN KEY \\((.+?)\\) REFERENCES (.+?)\\((.+?)\\)");
  private static final int SHOWN_KEYS = 10;

  private ForeignKeys() {}

  public static void drop(Connection stage, String schema, String migrationId) throws SQLException {
    StageTransaction.run(
        stage,
        () -> {
          StageSessionSettings.limitLockWait(stage);
          record Key(String table, String name, String definition) {}
          List<Key> keys = new ArrayList<>();
          try (PreparedStatement ps =
              stage.prepareStatement(
                  "SELECT format('%I.%I', n.nspname, t.relname), c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c"
                      + " JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                      + " WHERE c.contype = 'f' AND c.connamespace = ?::regnamespace ORDER BY c.conname")) {
            ps.setString(1, StageNames.quote(schema));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                keys.add(new Key(rs.getString(1), rs.getString(2), rs.getString(3)));
              }
            }
          }
          try (PreparedStatement record =
                  stage.prepareStatement(
                      "INSERT INTO odc_catalog.dropped_foreign_key (schema_name, constraint_name, table_name, definition, dropped_by)"
                          + " VALUES (?, ?, ?, ?, ?)");
              Statement st = stage.createStatement()) {
            for (Key key : keys) {
              record.setString(1, schema);
              record.setString(2, key.name());
              record.setString(3, key.table());
              record.setString(4, key.definition());
              record.setString(5, migrationId);
              record.executeUpdate();
              st.execute(
                  "ALTER TABLE "
                      + key.table()
                      + " DROP CONSTRAINT "
                      + StageNames.quote(key.name()));
            }
          }
          return null;
        });
  }

  /**
   * Re-creates (and so validates) every recorded key of the schema; fails naming the key whose data
   * breaks it.
   */
  public static void restore(Connection stage, String schema) throws SQLException {
    StageTransaction.run(
        stage,
        () -> {
          StageSessionSettings.limitLockWait(stage);
          List<String[]> keys = new ArrayList<>();
          try (PreparedStatement ps =
              stage.prepareStatement(
                  "SELECT table_name, constraint_name, definition FROM odc_catalog.dropped_foreign_key WHERE schema_name = ?"
                      + " ORDER BY constraint_name FOR UPDATE")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                keys.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
              }
            }
          }
          try (Statement st = stage.createStatement();
              PreparedStatement forget =
                  stage.prepareStatement(
                      "DELETE FROM odc_catalog.dropped_foreign_key WHERE schema_name = ? AND constraint_name = ?")) {
            for (String[] key : keys) {
              Savepoint before = stage.setSavepoint();
              try {
                st.execute(
                    "ALTER TABLE "
                        + key[0]
                        + " ADD CONSTRAINT "
                        + StageNames.quote(key[1])
                        + " "
                        + key[2]);
              } catch (SQLException e) {
                stage.rollback(before);
                throw cannotRestore(stage, key[0], key[1], key[2], e);
              }
              forget.setString(1, schema);
              forget.setString(2, key[1]);
              forget.executeUpdate();
            }
          }
          return null;
        });
  }

  /**
   * The keys of the schema that a migration dropped and none has restored yet, as "name on table".
   */
  public static List<String> stillDropped(Connection stage, String schema) throws SQLException {
    List<String> keys = new ArrayList<>();
    try (PreparedStatement ps =
        stage.prepareStatement(
            "SELECT constraint_name, table_name FROM odc_catalog.dropped_foreign_key WHERE schema_name = ? ORDER BY constraint_name")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1) + " on " + rs.getString(2));
        }
      }
    }
    return keys;
  }

  /** Names the key and, when its data breaks it, up to ten of the keys that have no parent row. */
  private static SQLException cannotRestore(
      Connection stage, String table, String name, String definition, SQLException e)
      throws SQLException {
    String prefix = "foreign key " + name + " on " + table + " cannot be restored: ";
    Matcher reference = REFERENCE.matcher(definition);
    if (!"23503".equals(e.getSQLState()) || !reference.find()) {
      return new SQLException(prefix + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
    }
    List<String> columns = List.of(reference.group(1).split(", "));
    String parent = reference.group(2);
    List<String> parentColumns = List.of(reference.group(3).split(", "));
    StringJoiner select = new StringJoiner(", ");
    StringJoiner present = new StringJoiner(" AND ");
    StringJoiner match = new StringJoiner(" AND ");
    for (int i = 0; i < columns.size(); i++) {
      select.add("c." + columns.get(i) + "::text");
      present.add("c." + columns.get(i) + " IS NOT NULL");
      match.add("p." + parentColumns.get(i) + " = c." + columns.get(i));
    }
    List<String> keys = new ArrayList<>();
    try (Statement st = stage.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT DISTINCT "
                    + select
                    + " FROM "
                    + table
                    + " c WHERE "
                    + present
                    + " AND NOT EXISTS (SELECT 1 FROM "
                    + parent
                    + " p WHERE "
                    + match
                    + ") ORDER BY 1 LIMIT "
                    + SHOWN_KEYS)) {
      while (rs.next()) {
        StringJoiner key =
            new StringJoiner(", ", columns.size() > 1 ? "(" : "", columns.size() > 1 ? ")" : "");
        for (int i = 1; i <= columns.size(); i++) {
          key.add(rs.getString(i));
        }
        keys.add(key.toString());
      }
    }
    return new SQLException(
        prefix
            + String.join(", ", columns)
            + " "
            + String.join(", ", keys)
            + (keys.size() == SHOWN_KEYS ? " (the first " + SHOWN_KEYS + ")" : "")
            + " of "
            + table
            + " have no row in "
            + parent
            + "("
            + String.join(", ", parentColumns)
            + ")",
        e.getSQLState(),
        e.getErrorCode(),
        e);
  }
}
