package org.odcmigrate.api.core;

import org.odcmigrate.config.StageConfig;

/** A configured ODC stage: its name and its database. */
public record StageView(String name, DatabaseView database) {

  public static StageView of(String name, StageConfig config) {
    return new StageView(name, DatabaseView.of(config.url()));
  }
}
