package org.odcmigrate.migration;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Requests and plans the workflow tests share. */
final class Fixtures {

  static final String SOURCE = "o11-production";
  static final String STAGE = "dev";

  /**
   * Short, so that cancellation reaches a blocked copy through its heartbeat within a second or
   * two.
   */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(2);

  private Fixtures() {}

  static MigrationOptions options(int parallelApps, int parallelEntities) {
    return new MigrationOptions(parallelApps, parallelEntities, 1_000, 10_000, HEARTBEAT_TIMEOUT);
  }

  static MigrationRequest request(String migrationId) {
    return request(migrationId, options(4, 4));
  }

  static MigrationRequest request(String migrationId, MigrationOptions options) {
    return new MigrationRequest(migrationId, SOURCE, STAGE, false, false, options);
  }

  /** Sales (3 entities), Hr (2), Catalog (3): 8 entities. */
  static MigrationPlan threeApps() {
    return new MigrationPlan(
        List.of(
            app("sales", "Sales", "Customer", "Order", "OrderLine"),
            app("hr", "Hr", "Employee", "Department"),
            app("catalog", "Catalog", "Product", "Category", "Supplier")));
  }

  /** Entity keys are {@code <appKey>-<entity name in lower case>}. */
  static AppPlan app(String appKey, String appName, String... entityNames) {
    List<EntityRef> entities =
        Arrays.stream(entityNames)
            .map(name -> new EntityRef(appKey, appName, appKey + "-" + name.toLowerCase(), name))
            .toList();
    return new AppPlan(appKey, appName, "app_" + appKey, entities);
  }

  static List<EntityRef> entities(MigrationPlan plan) {
    return plan.apps().stream().flatMap(a -> a.entities().stream()).toList();
  }
}
