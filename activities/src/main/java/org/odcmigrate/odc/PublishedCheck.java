package org.odcmigrate.odc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Published and deployed" as the stage shows it: the catalog says so, and every entity's table
 * exists with every column the catalog lists.
 */
public final class PublishedCheck {

  private PublishedCheck() {}

  /**
   * Problems of the apps; an app this very migration undeployed (a retry, a reset) counts as
   * deployed.
   */
  public static List<String> problems(Connection stage, List<CatalogApp> apps, String migrationId)
      throws SQLException {
    List<String> problems = new ArrayList<>();
    for (CatalogApp app : apps) {
      if (!app.deployed() && !migrationId.equals(app.undeployedBy())) {
        problems.add(
            "app " + app.name() + " is not deployed in the stage: deploy it, then start again");
      }
      Map<String, Set<String>> columns = columns(stage, app.schema());
      for (CatalogEntity entity : app.entities()) {
        Set<String> existing = columns.get(entity.table());
        if (existing == null) {
          problems.add(
              "app "
                  + app.name()
                  + " is not published completely: table "
                  + app.schema()
                  + "."
                  + entity.table()
                  + " of entity "
                  + entity.name()
                  + " does not exist; publish the app again");
          continue;
        }
        for (CatalogAttribute attribute : entity.attributes()) {
          if (!existing.contains(attribute.column())) {
            problems.add(
                "app "
                    + app.name()
                    + " is not published completely: column "
                    + app.schema()
                    + "."
                    + entity.table()
                    + "."
                    + attribute.column()
                    + " of attribute "
                    + entity.name()
                    + "."
                    + attribute.name()
                    + " does not exist; publish the app again");
          }
        }
      }
    }
    return problems;
  }

  private static Map<String, Set<String>> columns(Connection stage, String schema)
      throws SQLException {
    Map<String, Set<String>> columns = new HashMap<>();
    try (PreparedStatement ps =
        stage.prepareStatement(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
        }
      }
    }
    return columns;
  }
}
