package org.odcmigrate.migration;

import java.util.List;

/** The apps and entities a migration covers; column details stay in the stage (see EntityPlan). */
public record MigrationPlan(List<AppPlan> apps) {

  public int entityCount() {
    return apps.stream().mapToInt(a -> a.entities().size()).sum();
  }
}
