package org.odcmigrate.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.migration.AppPlan;
import org.odcmigrate.migration.KeyRange;
import org.odcmigrate.migration.ValidationFinding;
import org.odcmigrate.odc.ForeignKeys;
import org.odcmigrate.plan.EntityPlan;

/**
 * The final validation on a real stage: a clean load passes, lost or changed rows and missing keys
 * are found.
 */
class StageRecountTest {

  private static final String MIGRATION = "migration-1";

  private SampleSource source;
  private SampleMigration migration;

  @BeforeEach
  void copyTheSample() throws Exception {
    source = SampleSource.small();
    migration = SampleMigration.create(source, EmbeddedStage.newDatabase(), MIGRATION);
    migration.dropForeignKeys();
    EntityCopier copier = new EntityCopier(source.dataSource(), migration.stage(), ZoneOffset.UTC);
    for (EntityPlan plan : migration.plan().entities()) {
      var task = migration.task(plan.ref().appName(), plan.ref().entityName(), 1_000, 1_000_000);
      for (KeyRange range : copier.prepare(task)) {
        copier.copyRange(task, range, p -> {});
      }
      copier.verify(task);
    }
  }

  @AfterEach
  void close() {
    source.close();
  }

  private List<ValidationFinding> findings() throws Exception {
    try (Connection stage = migration.stage().getConnection()) {
      return StageRecount.findings(stage, MIGRATION, migration.plan().apps());
    }
  }

  private void restoreKeys() throws Exception {
    try (Connection stage = migration.stage().getConnection()) {
      for (AppPlan app : migration.plan().apps()) {
        ForeignKeys.restore(stage, app.schema());
      }
    }
  }

  @Test
  void aCompleteLoadWithItsKeysBackHasNoFinding() throws Exception {
    restoreKeys();
    assertThat(findings()).isEmpty();
  }

  @Test
  void rowsLostAfterVerificationAreFoundWithBothFigures() throws Exception {
    restoreKeys();
    long before;
    try (Connection stage = migration.stage().getConnection();
        Statement st = stage.createStatement()) {
      var rs = st.executeQuery("SELECT count(*) FROM orders.order_line");
      rs.next();
      before = rs.getLong(1);
      st.executeUpdate(
          "DELETE FROM orders.order_line WHERE id IN (SELECT id FROM orders.order_line ORDER BY id LIMIT 3)");
    }
    List<ValidationFinding> found = findings();
    assertThat(found).hasSize(1);
    assertThat(found.get(0).appKey()).isEqualTo(migration.app("Orders").appKey());
    assertThat(found.get(0).entityKey()).isNotNull();
    assertThat(found.get(0).detail())
        .contains("holds " + (before - 3) + " rows but this migration wrote " + before);
  }

  @Test
  void aValueChangedInTheStageIsFoundByItsChecksum() throws Exception {
    restoreKeys();
    try (Connection stage = migration.stage().getConnection();
        Statement st = stage.createStatement()) {
      st.executeUpdate(
          "UPDATE customers.customer SET name = name || 'x' WHERE id = (SELECT min(id) FROM customers.customer)");
    }
    assertThat(findings())
        .singleElement()
        .satisfies(f -> assertThat(f.detail()).contains("checksum", "differs"));
  }

  @Test
  void foreignKeysLeftDroppedAreFound() throws Exception {
    assertThat(findings())
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f.entityKey()).isNull())
        .anySatisfy(f -> assertThat(f.detail()).contains("foreign key", "is still dropped"));
  }
}
