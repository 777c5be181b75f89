package org.odcmigrate.odc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.StringJoiner;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.StageSessionSettings;
import org.odcmigrate.copy.CheckpointStore;
import org.odcmigrate.copy.DiscardedCopies;
import org.odcmigrate.copy.StageRecount;
import org.odcmigrate.failure.ActivityRunner;
import org.odcmigrate.migration.AppPlan;
import org.odcmigrate.migration.AppSchemaActivities;
import org.odcmigrate.migration.EntityRef;
import org.odcmigrate.migration.ValidationFinding;
import org.odcmigrate.migration.VerifiedEntity;

/** Foreign keys around an app's load, and the removal of a cancelled migration's app data. */
public class AppSchemaActivitiesImpl implements AppSchemaActivities {

  private final Connections connections;

  public AppSchemaActivitiesImpl(Connections connections) {
    this.connections = connections;
  }

  @Override
  public void dropForeignKeys(String migrationId, String stage, String appKey) {
    ActivityRunner.call(
        () -> {
          try (Connection connection = connections.stage(stage).getConnection()) {
            // The app's first step: a workflow reset after a cancel copies the app anew.
            DiscardedCopies.allow(connection, migrationId, appKey);
            ForeignKeys.drop(connection, schemaOf(connection, appKey), migrationId);
          }
          return null;
        });
  }

  @Override
  public void restoreForeignKeys(String migrationId, String stage, String appKey) {
    ActivityRunner.call(
        () -> {
          try (Connection connection = connections.stage(stage).getConnection()) {
            ForeignKeys.restore(connection, schemaOf(connection, appKey));
          }
          return null;
        });
  }

  @Override
  public void deleteCopiedData(String migrationId, String stage, List<AppPlan> apps) {
    ActivityRunner.call(
        () -> {
          try (Connection connection = connections.stage(stage).getConnection()) {
            for (AppPlan app : apps) {
              emptyApp(connection, migrationId, app);
              ForeignKeys.restore(connection, app.schema());
            }
          }
          return null;
        });
  }

  @Override
  public List<ValidationFinding> validateStage(
      String migrationId,
      String stage,
      List<AppPlan> apps,
      List<VerifiedEntity> verified,
      Integer parallelEntities) {
    // A task scheduled before the parallelism was passed reads one entity at a time, as then; a
    // read never waits for a connection the pool does not have.
    int parallelism =
        Math.min(
            parallelEntities == null ? 1 : parallelEntities,
            connections.stageConfig(stage).maxConnections());
    return ActivityRunner.call(
        () ->
            StageRecount.findings(
                connections.stage(stage), migrationId, apps, verified, parallelism));
  }

  /**
   * Truncates the app's planned tables and discards their checkpoints, in one transaction that
   * holds each entity's preparation lock first, so no preparation still running fills a table
   * again.
   */
  private static void emptyApp(Connection connection, String migrationId, AppPlan app)
      throws SQLException {
    if (app.entities().isEmpty()) {
      return;
    }
    StageTransaction.run(
        connection,
        () -> {
          CheckpointStore.lockEntities(connection, migrationId, app.entities());
          StageSessionSettings.limitLockWait(connection);
          try (Statement st = connection.createStatement();
              PreparedStatement tables =
                  connection.prepareStatement(
                      "SELECT table_name FROM odc_catalog.entity WHERE app_key = ? AND entity_key = ?")) {
            StringJoiner truncate = new StringJoiner(", ", "TRUNCATE ", "");
            for (EntityRef entity : app.entities()) {
              tables.setString(1, entity.appKey());
              tables.setString(2, entity.entityKey());
              try (var rs = tables.executeQuery()) {
                if (rs.next()) {
                  truncate.add(StageNames.qualified(app.schema(), rs.getString(1)));
                }
              }
            }
            st.execute(truncate.toString());
            CheckpointStore.forgetApp(connection, migrationId, app.appKey());
            DiscardedCopies.mark(connection, migrationId, app.appKey());
          }
          return null;
        });
  }

  private static String schemaOf(Connection connection, String appKey) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT schema_name FROM odc_catalog.app WHERE app_key = ?")) {
      ps.setString(1, appKey);
      try (var rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("app " + appKey + " is not in the stage catalog");
        }
        return rs.getString(1);
      }
    }
  }
}
