package org.odcmigrate.odc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.testing.TestActivityEnvironment;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.config.Connections;
import org.odcmigrate.copy.EntityCopier;
import org.odcmigrate.fixtures.CopiedRows;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.fixtures.TestConnections;
import org.odcmigrate.migration.AppSchemaActivities;
import org.odcmigrate.migration.CopyTask;
import org.odcmigrate.migration.KeyRange;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A cancel deletes an app's copied data while copies it does not wait for may still run: a
 * preparation that starts after the deletion refuses and leaves the table empty, and a reset of the
 * migration's workflow copies the app again.
 */
class DiscardedCopyTest {

  private SampleSource source;
  private SampleMigration migration;
  private TestActivityEnvironment temporal;
  private AppSchemaActivities schemas;

  @BeforeEach
  void migrate() throws SQLException {
    source = SampleSource.small();
    PGSimpleDataSource stage = EmbeddedStage.newDatabase();
    migration = SampleMigration.create(source, stage, "discarded-1");
    Connections connections =
        TestConnections.of(
            SampleMigration.ENVIRONMENT, source.url(), SampleMigration.STAGE, stage.getUrl());
    temporal = TestActivityEnvironment.newInstance();
    temporal.registerActivitiesImplementations(new AppSchemaActivitiesImpl(connections));
    schemas = temporal.newActivityStub(AppSchemaActivities.class);
  }

  @AfterEach
  void close() {
    temporal.close();
    source.close();
  }

  @Test
  void aPreparationAfterTheCancelsDeletionRefusesUntilTheWorkflowIsReset() throws Exception {
    EntityCopier copier = new EntityCopier(source.dataSource(), migration.stage(), ZoneOffset.UTC);
    CopyTask warehouses = migration.task("Catalog", "Warehouse", 1_000, 1_000_000);
    copy(copier, warehouses);
    assertThat(rows()).isPositive();

    schemas.deleteCopiedData(
        migration.migrationId(), SampleMigration.STAGE, List.of(migration.app("Catalog")));
    assertThat(rows()).isZero();

    assertThatThrownBy(() -> copier.prepare(warehouses))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was cancelled and its copied data deleted");
    assertThat(rows()).as("the table stays empty").isZero();
    assertThat(checkpoints()).as("no checkpoint to claim").isZero();

    String catalogKey = migration.app("Catalog").appKey();
    schemas.dropForeignKeys(migration.migrationId(), SampleMigration.STAGE, catalogKey);
    copy(copier, warehouses);
    CopiedRows.assertMatchesSource(
        migration, migration.entityPlan("Catalog", "Warehouse"), ZoneOffset.UTC);
  }

  private static void copy(EntityCopier copier, CopyTask task) throws Exception {
    for (KeyRange range : copier.prepare(task)) {
      copier.copyRange(task, range, p -> {});
    }
  }

  private long rows() throws SQLException {
    return CopiedRows.stageCount(migration, migration.entityPlan("Catalog", "Warehouse"));
  }

  private long checkpoints() throws SQLException {
    try (Connection c = migration.stage().getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM odc_catalog.copy_checkpoint WHERE migration_id = 'discarded-1'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
