package org.odcmigrate.migration;

import java.util.List;

/**
 * The apps and entities a migration covers; column details stay in the stage (see EntityPlan).
 *
 * @param derived what the O11 platform tables did not hold and the planner derived instead, in
 *     words
 */
public record MigrationPlan(List<AppPlan> apps, List<String> derived) {

  public MigrationPlan {
    derived = derived == null ? List.of() : List.copyOf(derived);
  }

  public MigrationPlan(List<AppPlan> apps) {
    this(apps, List.of());
  }

  public int entityCount() {
    return apps.stream().mapToInt(a -> a.entities().size()).sum();
  }
}
