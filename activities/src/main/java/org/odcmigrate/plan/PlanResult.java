package org.odcmigrate.plan;

import java.util.List;
import org.odcmigrate.migration.AppPlan;

/** The outcome of planning: the apps and entity plans, or the problems found. */
public record PlanResult(List<AppPlan> apps, List<EntityPlan> entities, List<String> problems) {

  public boolean accepted() {
    return problems.isEmpty();
  }
}
