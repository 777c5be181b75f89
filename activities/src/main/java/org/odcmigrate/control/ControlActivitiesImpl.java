package org.odcmigrate.control;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.odcmigrate.config.Connections;
import org.odcmigrate.failure.ActivityRunner;
import org.odcmigrate.migration.ControlActivities;

/**
 * The control activities. Which apps a migration undeployed is recorded in the stage catalog before
 * they are undeployed, so a retry, a crash or a reset still redeploys exactly those.
 */
public class ControlActivitiesImpl implements ControlActivities {

  private final Connections connections;
  private final Controls controls;

  public ControlActivitiesImpl(Connections connections) {
    this.connections = connections;
    this.controls = new Controls(connections);
  }

  @Override
  public void stopEnvironment(String environment) {
    ActivityRunner.call(
        () -> {
          controls.environment(environment).stop(environment);
          return null;
        });
  }

  @Override
  public void startEnvironment(String environment) {
    ActivityRunner.call(
        () -> {
          controls.environment(environment).start(environment);
          return null;
        });
  }

  @Override
  public List<String> undeployApps(String migrationId, String stage, List<String> appKeys) {
    return ActivityRunner.call(
        () -> {
          StageControl control = controls.stage(stage);
          try (Connection connection = connections.stage(stage).getConnection()) {
            try (PreparedStatement mark =
                connection.prepareStatement(
                    "UPDATE odc_catalog.app SET undeployed_by = ? WHERE app_key = ANY (?) AND (deployed OR undeployed_by = ?)")) {
              Array keys = connection.createArrayOf("text", appKeys.toArray());
              mark.setString(1, migrationId);
              mark.setArray(2, keys);
              mark.setString(3, migrationId);
              mark.executeUpdate();
            }
            List<StageControl.StageApp> apps = undeployedBy(connection, migrationId);
            control.undeploy(stage, apps);
            setDeployed(connection, migrationId, false);
            return apps.stream().map(StageControl.StageApp::name).toList();
          }
        });
  }

  @Override
  public List<String> redeployApps(String migrationId, String stage) {
    return ActivityRunner.call(
        () -> {
          try (Connection connection = connections.stage(stage).getConnection()) {
            List<StageControl.StageApp> apps = undeployedBy(connection, migrationId);
            if (apps.isEmpty()) {
              return List.of();
            }
            controls.stage(stage).redeploy(stage, apps);
            setDeployed(connection, migrationId, true);
            return apps.stream().map(StageControl.StageApp::name).toList();
          }
        });
  }

  private static List<StageControl.StageApp> undeployedBy(Connection connection, String migrationId)
      throws SQLException {
    List<StageControl.StageApp> apps = new ArrayList<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT app_key, name, runtime_role FROM odc_catalog.app WHERE undeployed_by = ? ORDER BY name")) {
      ps.setString(1, migrationId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          apps.add(new StageControl.StageApp(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
    }
    return apps;
  }

  private static void setDeployed(Connection connection, String migrationId, boolean deployed)
      throws SQLException {
    String sql =
        deployed
            ? "UPDATE odc_catalog.app SET deployed = true, undeployed_by = NULL WHERE undeployed_by = ?"
            : "UPDATE odc_catalog.app SET deployed = false WHERE undeployed_by = ?";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, migrationId);
      ps.executeUpdate();
    }
  }
}
