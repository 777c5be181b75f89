package org.odcmigrate.odc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops an app schema's foreign keys for the load and puts them back after it. Each definition is
 * recorded before its key is dropped, in the same transaction, so a crash at any point leaves
 * enough behind to restore it; a later migration adopts keys an earlier one left dropped.
 */
public final class ForeignKeys {

  private ForeignKeys() {}

  public static void drop(Connection stage, String schema, String migrationId) throws SQLException {
    StageTransaction.run(stage, () -> {
      record Key(String table, String name, String definition) {}
      List<Key> keys = new ArrayList<>();
      try (PreparedStatement ps = stage.prepareStatement(
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
      try (PreparedStatement record = stage.prepareStatement(
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
          st.execute("ALTER TABLE " + key.table() + " DROP CONSTRAINT " + StageNames.quote(key.name()));
        }
      }
      return null;
    });
  }

  /** Re-creates (and so validates) every recorded key of the schema; fails naming the key whose data breaks it. */
  public static void restore(Connection stage, String schema) throws SQLException {
    StageTransaction.run(stage, () -> {
      List<String[]> keys = new ArrayList<>();
      try (PreparedStatement ps = stage.prepareStatement(
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
          PreparedStatement forget = stage.prepareStatement(
              "DELETE FROM odc_catalog.dropped_foreign_key WHERE schema_name = ? AND constraint_name = ?")) {
        for (String[] key : keys) {
          try {
            st.execute("ALTER TABLE " + key[0] + " ADD CONSTRAINT " + StageNames.quote(key[1]) + " " + key[2]);
          } catch (SQLException e) {
            throw new SQLException("foreign key " + key[1] + " on " + key[0] + " cannot be restored: " + e.getMessage(),
                e.getSQLState(), e);
          }
          forget.setString(1, schema);
          forget.setString(2, key[1]);
          forget.executeUpdate();
        }
      }
      return null;
    });
  }

  /** The keys of the schema that a migration dropped and none has restored yet, as "name on table". */
  public static List<String> stillDropped(Connection stage, String schema) throws SQLException {
    List<String> keys = new ArrayList<>();
    try (PreparedStatement ps = stage.prepareStatement(
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
}
