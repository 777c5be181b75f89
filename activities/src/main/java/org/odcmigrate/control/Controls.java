package org.odcmigrate.control;

import org.odcmigrate.config.Connections;
import org.odcmigrate.config.ControlConfig;

/** Picks the control adapter a configured environment or stage asks for. */
public final class Controls {

  private final Connections connections;

  public Controls(Connections connections) {
    this.connections = connections;
  }

  public EnvironmentControl environment(String environment) {
    ControlConfig config = connections.environment(environment).control();
    return switch (config.type()) {
      case DATABASE ->
          new SqlServerLogins(connections.environmentControl(environment), config.logins());
      case WEBHOOK -> new Webhook(config);
      case NONE ->
          throw new IllegalArgumentException(
              "environment "
                  + environment
                  + " has no control configured to stop"
                  + " or start it (control.type: database or webhook): choose to keep it running");
    };
  }

  public StageControl stage(String stage) {
    ControlConfig config = connections.stageConfig(stage).control();
    return switch (config.type()) {
      case DATABASE -> new PostgresRoles(connections.stageControl(stage));
      case WEBHOOK -> new Webhook(config);
      case NONE ->
          throw new IllegalArgumentException(
              "stage "
                  + stage
                  + " has no control configured to undeploy its"
                  + " apps (control.type: database or webhook): choose to keep them deployed");
    };
  }
}
