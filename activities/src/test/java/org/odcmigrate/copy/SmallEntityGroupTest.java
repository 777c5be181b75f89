package org.odcmigrate.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestActivityEnvironment;
import java.sql.Connection;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.config.Connections;
import org.odcmigrate.fixtures.CopiedRows;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.fixtures.TestConnections;
import org.odcmigrate.migration.CopyActivities;
import org.odcmigrate.migration.CopyTask;
import org.odcmigrate.migration.EntityResult;
import org.odcmigrate.migration.EntityStart;
import org.odcmigrate.plan.EntityPlan;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code CopySmallEntities} against a generated O11 environment (H2) and a real PostgreSQL stage: a
 * group's entities are copied and verified one after the other in one activity, and the group stops
 * where an entity must go on alone.
 */
class SmallEntityGroupTest {

  private static final int BATCH = 1_000;
  private static final long NO_SPLIT = 1_000_000;

  private SampleSource source;
  private SampleMigration migration;
  private Connections connections;
  private TestActivityEnvironment temporal;
  private CopyActivities copy;

  @BeforeEach
  void start() throws Exception {
    source = SampleSource.small();
    PGSimpleDataSource stage = EmbeddedStage.newDatabase();
    migration = SampleMigration.create(source, stage, "group-1");
    migration.dropForeignKeys();
    connections =
        TestConnections.of(
            SampleMigration.ENVIRONMENT, source.url(), SampleMigration.STAGE, stage.getUrl());
    temporal = TestActivityEnvironment.newInstance();
    temporal.registerActivitiesImplementations(
        new CopyActivitiesImpl(connections, new WorkerDraining(), CopyMetrics.unread()));
    copy = temporal.newActivityStub(CopyActivities.class);
  }

  @AfterEach
  void close() {
    temporal.close();
    connections.close();
    source.close();
  }

  @Test
  void everyEntityOfTheGroupIsCopiedAndVerifiedInOneActivity() throws Exception {
    List<EntityPlan> plans = migration.plan().entities();
    List<CopyTask> tasks = plans.stream().map(p -> task(p, NO_SPLIT)).toList();

    List<EntityStart> starts = copy.copySmallEntities(tasks);

    assertThat(starts).hasSize(plans.size());
    for (int i = 0; i < plans.size(); i++) {
      EntityPlan plan = plans.get(i);
      EntityResult result = starts.get(i).result();
      long sourceRows = migration.source().rows(plan.ref().appName(), plan.ref().entityName());
      assertThat(result.status())
          .as(plan.ref().toString())
          .isEqualTo(EntityResult.Status.COMPLETED);
      assertThat(result.rowsWritten()).as(plan.ref().toString()).isEqualTo(sourceRows).isPositive();
      CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC);
    }
  }

  @Test
  void theGroupStopsAfterAnEntityOfSeveralRangesLeavingItPreparedAndTheRestUntouched()
      throws Exception {
    List<EntityPlan> bySize =
        migration.plan().entities().stream()
            .sorted(Comparator.comparingLong(this::sourceRows))
            .toList();
    EntityPlan small = bySize.get(0);
    EntityPlan after = bySize.get(1);
    EntityPlan big = bySize.get(bySize.size() - 1);
    long splitRows = sourceRows(big) / 3;
    assertThat(sourceRows(small)).isLessThanOrEqualTo(splitRows);

    List<EntityStart> starts =
        copy.copySmallEntities(
            List.of(task(small, splitRows), task(big, splitRows), task(after, splitRows)));

    assertThat(starts).hasSize(2);
    assertThat(starts.get(0).result().status()).isEqualTo(EntityResult.Status.COMPLETED);
    assertThat(starts.get(1).result()).isNull();
    assertThat(starts.get(1).ranges()).hasSizeGreaterThan(1);
    assertThat(CopiedRows.stageCount(migration, big)).as("prepared, not copied").isZero();
    assertThat(CopiedRows.stageCount(migration, after)).as("not reached").isZero();
  }

  @Test
  void anEntityTheGroupCannotCopyIsHandedBackWithoutRangesAndTheGroupStops() throws Exception {
    EntityPlan first = migration.entityPlan("Catalog", "Product");
    EntityPlan broken = migration.entityPlan("Orders", "Order");
    EntityPlan after = migration.entityPlan("Orders", "OrderLine");
    try (Connection stage = migration.stage().getConnection();
        Statement st = stage.createStatement()) {
      st.execute("DROP TABLE " + broken.qualifiedTarget() + " CASCADE");
    }

    List<EntityStart> starts =
        copy.copySmallEntities(
            List.of(task(first, NO_SPLIT), task(broken, NO_SPLIT), task(after, NO_SPLIT)));

    assertThat(starts).hasSize(2);
    assertThat(starts.get(0).result().status()).isEqualTo(EntityResult.Status.COMPLETED);
    assertThat(starts.get(1)).isEqualTo(new EntityStart(null, null));
    assertThat(CopiedRows.stageCount(migration, after)).as("not reached").isZero();
  }

  private long sourceRows(EntityPlan plan) {
    return migration.source().rows(plan.ref().appName(), plan.ref().entityName());
  }

  private CopyTask task(EntityPlan plan, long splitRows) {
    return migration.task(plan.ref().appName(), plan.ref().entityName(), BATCH, splitRows);
  }
}
