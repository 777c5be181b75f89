package org.odcmigrate.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.migration.AppPlan;
import org.odcmigrate.migration.EntityResult;
import org.odcmigrate.migration.KeyRange;
import org.odcmigrate.migration.ValidationFinding;
import org.odcmigrate.migration.VerifiedEntity;
import org.odcmigrate.odc.ForeignKeys;
import org.odcmigrate.plan.EntityPlan;

/**
 * The final validation on a real stage: a clean load passes; rows lost after their verification
 * (also together with their checkpoint, as in a crash), changed rows, reopened ranges and missing
 * keys are found.
 */
class StageRecountTest {

  private static final String MIGRATION = "migration-1";

  private SampleSource source;
  private SampleMigration migration;

  /** What each entity's verification established, as the workflow hands it to the validation. */
  private final List<VerifiedEntity> verified = new ArrayList<>();

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
      EntityResult result = copier.verify(task);
      verified.add(
          new VerifiedEntity(result.entity(), result.rowsWritten(), result.verifiedChecksum()));
    }
  }

  @AfterEach
  void close() {
    source.close();
  }

  private List<ValidationFinding> findings() throws Exception {
    return findings(verified);
  }

  private List<ValidationFinding> findings(List<VerifiedEntity> figures) throws Exception {
    return findings(figures, 4);
  }

  private List<ValidationFinding> findings(List<VerifiedEntity> figures, int parallelism)
      throws Exception {
    return StageRecount.findings(
        migration.stage(), MIGRATION, migration.plan().apps(), figures, parallelism);
  }

  private long orderLines() throws Exception {
    try (Connection stage = migration.stage().getConnection();
        Statement st = stage.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM orders.order_line")) {
      rs.next();
      return rs.getLong(1);
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
    long before = orderLines();
    try (Connection stage = migration.stage().getConnection();
        Statement st = stage.createStatement()) {
      st.executeUpdate(
          "DELETE FROM orders.order_line WHERE id IN (SELECT id FROM orders.order_line ORDER BY id LIMIT 3)");
    }
    List<ValidationFinding> found = findings();
    assertThat(found).hasSize(1);
    assertThat(found.get(0).appKey()).isEqualTo(migration.app("Orders").appKey());
    assertThat(found.get(0).entityKey())
        .isEqualTo(migration.entity("Orders", "OrderLine").entityKey());
    assertThat(found.get(0).detail())
        .contains("holds " + (before - 3) + " rows but this migration verified " + before);
  }

  /**
   * A stage with {@code synchronous_commit = off} that crashes loses its last acknowledged batches
   * together with their checkpoints, committed in the same transactions: table and checkpoints
   * still agree, only the verified figures know the rows were there.
   */
  @Test
  void aBatchLostWithItsCheckpointInACrashIsFoundWithBothFigures() throws Exception {
    restoreKeys();
    long before = orderLines();
    EntityPlan plan = migration.entityPlan("Orders", "OrderLine");
    CheckpointStore checkpoints = new CheckpointStore(MIGRATION, plan.ref());
    try (Connection stage = migration.stage().getConnection();
        Statement st = stage.createStatement()) {
      StageChecksum.Result full = StageChecksum.of(stage, plan);
      st.executeUpdate(
          "DELETE FROM orders.order_line WHERE id IN (SELECT id FROM orders.order_line ORDER BY id DESC LIMIT 5)");
      StageChecksum.Result left = StageChecksum.of(stage, plan);
      RangeCheckpoint last = checkpoints.all(stage).get(checkpoints.all(stage).size() - 1);
      try (PreparedStatement revert =
          stage.prepareStatement(
              "UPDATE odc_catalog.copy_checkpoint SET rows_written = rows_written - 5, checksum = ?,"
                  + " completed = false, last_key = (SELECT max(id)::text FROM orders.order_line)"
                  + " WHERE migration_id = ? AND app_key = ? AND entity_key = ? AND range_no = ?")) {
        revert.setLong(1, last.checksum() - (full.checksum() - left.checksum()));
        revert.setString(2, MIGRATION);
        revert.setString(3, plan.ref().appKey());
        revert.setString(4, plan.ref().entityKey());
        revert.setInt(5, last.range().number());
        assertThat(revert.executeUpdate()).isEqualTo(1);
      }
      assertThat(StageRecount.difference(stage, plan.ref(), plan, checkpoints.all(stage)))
          .as("the checkpoints agree with the table after the crash")
          .isEmpty();
    }

    assertThat(findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.entityKey()).isEqualTo(plan.ref().entityKey());
              assertThat(f.detail())
                  .contains(
                      "holds " + (before - 5) + " rows but this migration verified " + before,
                      "not completed in its checkpoints",
                      "start the migration again");
            });
  }

  @Test
  void aRangeNoLongerCompletedInTheCheckpointsIsFound() throws Exception {
    restoreKeys();
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    try (Connection stage = migration.stage().getConnection();
        PreparedStatement reopen =
            stage.prepareStatement(
                "UPDATE odc_catalog.copy_checkpoint SET completed = false"
                    + " WHERE migration_id = ? AND app_key = ? AND entity_key = ?")) {
      reopen.setString(1, MIGRATION);
      reopen.setString(2, plan.ref().appKey());
      reopen.setString(3, plan.ref().entityKey());
      assertThat(reopen.executeUpdate()).isPositive();
    }
    assertThat(findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.entityKey()).isEqualTo(plan.ref().entityKey());
              assertThat(f.detail()).contains("not completed in its checkpoints");
            });
  }

  /**
   * A validation scheduled before the workflow passed the verified figures uses the checkpoints.
   */
  @Test
  void withoutVerifiedFiguresTheCheckpointsAreCompared() throws Exception {
    restoreKeys();
    long before = orderLines();
    try (Connection stage = migration.stage().getConnection();
        Statement st = stage.createStatement()) {
      st.executeUpdate(
          "DELETE FROM orders.order_line WHERE id IN (SELECT id FROM orders.order_line ORDER BY id LIMIT 3)");
    }
    assertThat(findings(null))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.detail())
                    .contains(
                        "holds " + (before - 3) + " rows but this migration wrote " + before));
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
  void entitiesReadAtOnceGiveTheSameFindingsInPlanOrder() throws Exception {
    restoreKeys();
    try (Connection stage = migration.stage().getConnection();
        Statement st = stage.createStatement()) {
      st.executeUpdate(
          "DELETE FROM orders.order_line WHERE id IN (SELECT id FROM orders.order_line ORDER BY id LIMIT 3)");
      st.executeUpdate(
          "UPDATE customers.customer SET name = name || 'x' WHERE id = (SELECT min(id) FROM customers.customer)");
    }
    List<String> changed =
        List.of(
            migration.entity("Orders", "OrderLine").entityKey(),
            migration.entity("Customers", "Customer").entityKey());
    List<String> inPlanOrder =
        migration.plan().apps().stream()
            .flatMap(app -> app.entities().stream())
            .map(e -> e.entityKey())
            .filter(changed::contains)
            .toList();

    List<ValidationFinding> together = findings(verified, 4);
    assertThat(together)
        .extracting(ValidationFinding::entityKey)
        .containsExactlyElementsOf(inPlanOrder);
    assertThat(findings(verified, 1)).isEqualTo(together);
  }

  @Test
  void foreignKeysLeftDroppedAreFound() throws Exception {
    assertThat(findings())
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f.entityKey()).isNull())
        .anySatisfy(f -> assertThat(f.detail()).contains("foreign key", "is still dropped"));
  }
}
