package org.odcmigrate.migration;

import java.util.List;

/** One app of the plan and the entities whose data is copied into it. */
public record AppPlan(String appKey, String appName, String schema, List<EntityRef> entities) {}
