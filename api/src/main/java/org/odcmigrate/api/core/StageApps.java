package org.odcmigrate.api.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.odcmigrate.config.Connections;
import org.odcmigrate.o11.O11Metadata;
import org.odcmigrate.o11.O11Model;
import org.odcmigrate.odc.CatalogApp;
import org.odcmigrate.odc.StageCatalog;

/**
 * Reads a stage's apps from its catalog, and which of them a migration from an environment covers.
 */
public class StageApps {

  private static final String UNDEFINED_TABLE = "42P01";

  private final Connections connections;

  public StageApps(Connections connections) {
    this.connections = connections;
  }

  /**
   * Every app of the stage, unpublished ones included; with a source environment only the apps
   * converted from its active modules, each saying whether it can be migrated.
   */
  public List<StageAppView> apps(String stage, String sourceEnvironment) {
    List<CatalogApp> apps = catalog(stage);
    if (sourceEnvironment == null) {
      return apps.stream().map(StageAppView::of).toList();
    }
    O11Model model = model(sourceEnvironment);
    return apps.stream()
        .filter(app -> model.module(app.sourceModuleKey()).isPresent())
        .map(app -> StageAppView.of(app).withMigrability())
        .toList();
  }

  private List<CatalogApp> catalog(String stage) {
    try (Connection connection = connections.stage(stage).getConnection()) {
      return StageCatalog.apps(connection);
    } catch (SQLException e) {
      if (UNDEFINED_TABLE.equals(e.getSQLState())) {
        return List.of(); // no catalog yet: code migration has not converted anything into it
      }
      throw new StageUnavailableException(stage, e);
    }
  }

  private O11Model model(String environment) {
    connections.environment(environment); // unknown name: 422 that lists the configured ones
    try (Connection connection = connections.source(environment).getConnection()) {
      return O11Metadata.read(connection);
    } catch (SQLException e) {
      throw new EnvironmentUnavailableException(
          "the metadata of O11 environment " + environment, e);
    }
  }
}
