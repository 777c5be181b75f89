package org.odcmigrate.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.odcmigrate.o11.SqlServerDialect;

/**
 * Before anything is emptied: SNAPSHOT reads of a running environment need every database they read
 * (the platform's, and the catalogs entity tables live in) to allow SNAPSHOT isolation, which SQL
 * Server leaves off by default. Otherwise the first range read fails.
 */
public final class SnapshotIsolationCheck {

  private SnapshotIsolationCheck() {}

  /** One line per database that refuses SNAPSHOT reads, saying what to change. */
  public static List<String> problems(Connection source, String environment, List<EntityPlan> plans)
      throws SQLException {
    List<String> problems = new ArrayList<>();
    if (SqlServerDialect.isH2(source)) {
      return problems; // the stand-in reads consistently without it
    }
    // A table in another database is named database.schema.table.
    TreeSet<String> catalogs = new TreeSet<>();
    for (EntityPlan plan : plans) {
      String[] parts = plan.sourceTable().split("\\.");
      if (parts.length == 3) {
        catalogs.add(parts[0]);
      }
    }
    try (PreparedStatement ps =
        source.prepareStatement(SqlServerDialect.databasesWithoutSnapshot(catalogs.size()))) {
      int p = 1;
      for (String catalog : catalogs) {
        ps.setString(p++, catalog);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          problems.add(
              "environment "
                  + environment
                  + " reads each key range in a SNAPSHOT transaction (snapshotReads), but database "
                  + rs.getString(1)
                  + " does not allow SNAPSHOT isolation: run ALTER DATABASE ["
                  + rs.getString(1)
                  + "] SET ALLOW_SNAPSHOT_ISOLATION ON, set snapshotReads: false, or stop the"
                  + " environment for the migration");
        }
      }
    }
    return problems;
  }
}
