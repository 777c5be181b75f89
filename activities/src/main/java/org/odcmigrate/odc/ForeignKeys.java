package org.odcmigrate.odc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    try {
      restoreAll(stage, schema);
    } catch (Unrestorable e) {
      // The transaction is rolled back: look up the rows that break the key outside it.
      throw new SQLException("foreign key " + e.key[1] + " on " + e.key[0] + " cannot be restored: "
          + offendingKeys(stage, e.key[0], e.key[2]) + " (" + e.getCause().getMessage() + ")",
          e.getCause().getSQLState(), e.getCause());
    }
  }

  /** A key the data breaks: table, constraint, definition, and the server's error. */
  private static final class Unrestorable extends SQLException {
    final String[] key;

    Unrestorable(String[] key, SQLException cause) {
      super(cause.getMessage(), cause.getSQLState(), cause);
      this.key = key;
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }

  private static final Pattern DEFINITION = Pattern.compile("FOREIGN KEY \\((.+?)\\) REFERENCES (.+?)\\((.+?)\\)");
  private static final int OFFENDING_SHOWN = 10;

  /**
   * Up to ten referencing values that have no row in the referenced table, from the key's own
   * definition; the server's error alone names only one.
   */
  static String offendingKeys(Connection stage, String table, String definition) {
    Matcher m = DEFINITION.matcher(definition);
    if (!m.find()) {
      return "its data breaks it";
    }
    List<String> columns = List.of(m.group(1).split(",\\s*"));
    List<String> referenced = List.of(m.group(3).split(",\\s*"));
    String child = "(" + String.join(", ", columns.stream().map(c -> "c." + c).toList()) + ")";
    String parent = "(" + String.join(", ", referenced.stream().map(c -> "p." + c).toList()) + ")";
    String sql = "SELECT DISTINCT " + String.join(" || ', ' || ", columns.stream().map(c -> "c." + c + "::text").toList())
        + " FROM " + table + " c WHERE " + String.join(" AND ", columns.stream().map(c -> "c." + c + " IS NOT NULL").toList())
        + " AND NOT EXISTS (SELECT 1 FROM " + m.group(2) + " p WHERE " + parent + " = " + child + ") LIMIT "
        + OFFENDING_SHOWN;
    List<String> values = new ArrayList<>();
    try (Statement st = stage.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    } catch (SQLException e) {
      return "its data breaks it";
    }
    return values.isEmpty() ? "its data breaks it"
        : String.join(", ", columns) + " " + (values.size() == OFFENDING_SHOWN ? "values (first " + OFFENDING_SHOWN + ")"
            : "values") + " with no row in " + m.group(2) + ": " + String.join("; ", values)
            + "; remove or correct these rows in O11 and migrate again";
  }

  private static void restoreAll(Connection stage, String schema) throws SQLException {
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
            throw new Unrestorable(key, e);
          }
          forget.setString(1, schema);
          forget.setString(2, key[1]);
          forget.executeUpdate();
        }
      }
      return null;
    });
  }
}
