package org.odcmigrate.api.core;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.config.MigrationDefaults;
import org.odcmigrate.config.StageConfig;
import org.odcmigrate.plan.Assessment;
import org.odcmigrate.plan.CheckReport;

/**
 * {@code check}: a migration's whole preparation for an environment and a stage, changing nothing.
 */
public class CheckService {

  private final Connections connections;
  private final MigrationDefaults defaults;
  private final boolean direct;

  /** Through the connection pools, as the API reads. */
  public CheckService(Connections connections, MigrationDefaults defaults) {
    this(connections, defaults, false);
  }

  /**
   * @param direct open one plain connection per database instead of a pool, as a command does: an
   *     unreachable database fails at once with its driver's message instead of after the pool's
   *     wait
   */
  public CheckService(Connections connections, MigrationDefaults defaults, boolean direct) {
    this.connections = connections;
    this.defaults = defaults;
    this.direct = direct;
  }

  /** The stage named, or the only one configured when none is. */
  public String stageFor(String stage) {
    if (stage != null && !stage.isBlank()) {
      connections.stageConfig(stage);
      return stage;
    }
    if (connections.stages().size() != 1) {
      throw new StageRequiredException(connections.stages().keySet());
    }
    return connections.stages().keySet().iterator().next();
  }

  public CheckReport check(String environment, String stage) {
    connections.environment(environment);
    String stageName = stageFor(stage);
    Connection source;
    try {
      EnvironmentConfig config = connections.environment(environment);
      source =
          direct
              ? DriverManager.getConnection(config.url(), config.user(), config.password())
              : connections.source(environment).getConnection();
    } catch (SQLException | RuntimeException e) {
      throw unavailable("environment " + environment, e);
    }
    try (source;
        Connection target = connect(stageName)) {
      source.setReadOnly(true);
      target.setReadOnly(true);
      return new Assessment(connections.values(), defaults.estimateRowsPerSecond())
          .run(environment, stageName, source, target);
    } catch (SQLException e) {
      throw unavailable("environment " + environment + " or stage " + stageName, e);
    }
  }

  private Connection connect(String stage) {
    try {
      StageConfig config = connections.stageConfig(stage);
      return direct
          ? DriverManager.getConnection(config.url(), config.user(), config.password())
          : connections.stage(stage).getConnection();
    } catch (SQLException | RuntimeException e) {
      throw unavailable("stage " + stage, e);
    }
  }

  private static DatabaseUnavailableException unavailable(String what, Exception e) {
    return new DatabaseUnavailableException(what, e);
  }
}
