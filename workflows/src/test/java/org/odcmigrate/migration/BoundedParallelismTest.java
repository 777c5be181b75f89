package org.odcmigrate.migration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The configured bounds on apps and entities copied at once hold, and are used.
 *
 * <p>A behaviour test spanning DataMigrationWorkflowImpl and AppDataMigrationWorkflowImpl; named
 * for that behaviour.
 */
class BoundedParallelismTest {

  private final MigrationHarness harness = new MigrationHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void copiesOneAppAndOneEntityAtATimeWhenTheBoundsAreOne() {
    MigrationPlan plan = Fixtures.threeApps();
    harness.planning.willReturn(plan);

    MigrationReport report = harness.migrate(Fixtures.request("m-serial", Fixtures.options(1, 1)));

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(harness.schema.maxConcurrentApps()).isEqualTo(1);
    assertThat(harness.copy.maxConcurrentEntitiesPerApp()).isEqualTo(1);
    // One at a time means in plan order.
    assertThat(harness.calls.of("PrepareEntityCopy"))
        .containsExactlyElementsOf(
            Fixtures.entities(plan).stream()
                .map(EntityRef::entityKey)
                .map(k -> "PrepareEntityCopy " + k)
                .toList());
  }

  @Test
  void copiesUpToTheBoundsInParallel() {
    harness.planning.willReturn(Fixtures.threeApps());
    harness.schema.meetApps(2);
    harness.copy.meetEntities(2);

    MigrationReport report =
        harness.migrate(Fixtures.request("m-parallel", Fixtures.options(2, 2)));

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(harness.schema.maxConcurrentApps()).isEqualTo(2);
    assertThat(harness.copy.maxConcurrentEntitiesPerApp()).isEqualTo(2);
  }
}
