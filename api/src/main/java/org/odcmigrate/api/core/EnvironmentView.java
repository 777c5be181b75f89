package org.odcmigrate.api.core;

import org.odcmigrate.config.EnvironmentConfig;

/** A configured O11 environment: its name, the time zone of its DateTime values, its database. */
public record EnvironmentView(String name, String timeZone, DatabaseView database) {

  public static EnvironmentView of(String name, EnvironmentConfig config) {
    return new EnvironmentView(name, config.timeZone(), DatabaseView.of(config.url()));
  }
}
