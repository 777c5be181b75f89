package org.odcmigrate.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.odcmigrate.migration.CopyControl;

/**
 * The live control of a migration's copies in the stage ({@code odc_catalog.copy_control}), and the
 * copies running now ({@code odc_catalog.copy_running}), among which the row rate is shared. A copy
 * that has not been seen for {@link #SEEN_WITHIN_SECONDS} (its worker died) no longer counts.
 */
final class CopyControlStore {

  static final int SEEN_WITHIN_SECONDS = 5;

  private CopyControlStore() {}

  /** Writes the control unless the stage already holds a newer revision. */
  static void write(Connection stage, String migrationId, CopyControl control) throws SQLException {
    try (PreparedStatement ps =
        stage.prepareStatement(
            "INSERT INTO odc_catalog.copy_control (migration_id, revision, paused, max_rows_per_second)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (migration_id) DO UPDATE SET revision = EXCLUDED.revision,"
                + " paused = EXCLUDED.paused, max_rows_per_second = EXCLUDED.max_rows_per_second, updated_at = now()"
                + " WHERE odc_catalog.copy_control.revision < EXCLUDED.revision")) {
      ps.setString(1, migrationId);
      ps.setLong(2, control.revision());
      ps.setBoolean(3, control.paused());
      ps.setInt(4, control.maxRowsPerSecond());
      ps.executeUpdate();
    }
  }

  /** The control in force; not paused and unlimited when none was ever written. */
  static CopyControl read(Connection stage, String migrationId) throws SQLException {
    try (PreparedStatement ps =
        stage.prepareStatement(
            "SELECT revision, paused, max_rows_per_second FROM odc_catalog.copy_control WHERE migration_id = ?")) {
      ps.setString(1, migrationId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? new CopyControl(rs.getLong(1), rs.getBoolean(2), rs.getInt(3))
            : new CopyControl(0, false, 0);
      }
    }
  }

  /** Marks this copy as running now; returns how many copies of the migration run, itself too. */
  static int seen(Connection stage, String migrationId, String copyId) throws SQLException {
    try (PreparedStatement ps =
        stage.prepareStatement(
            "INSERT INTO odc_catalog.copy_running (migration_id, copy_id) VALUES (?, ?)"
                + " ON CONFLICT (migration_id, copy_id) DO UPDATE SET seen_at = now()")) {
      ps.setString(1, migrationId);
      ps.setString(2, copyId);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        stage.prepareStatement(
            "SELECT count(*) FROM odc_catalog.copy_running WHERE migration_id = ?"
                + " AND seen_at > now() - make_interval(secs => ?)")) {
      ps.setString(1, migrationId);
      ps.setInt(2, SEEN_WITHIN_SECONDS);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return Math.max(1, rs.getInt(1));
      }
    }
  }

  static void gone(Connection stage, String migrationId, String copyId) throws SQLException {
    try (PreparedStatement ps =
        stage.prepareStatement(
            "DELETE FROM odc_catalog.copy_running WHERE migration_id = ? AND copy_id = ?")) {
      ps.setString(1, migrationId);
      ps.setString(2, copyId);
      ps.executeUpdate();
    }
  }
}
