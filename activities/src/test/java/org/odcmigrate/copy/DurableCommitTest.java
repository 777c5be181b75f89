package org.odcmigrate.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.migration.CopyTask;
import org.odcmigrate.migration.KeyRange;
import org.odcmigrate.migration.MigrationOptions;
import org.odcmigrate.migration.MigrationRequest;
import org.odcmigrate.plan.EntityPlan;
import org.odcmigrate.report.MigrationStore;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Checkpoints, plans and reports commit durably on a stage whose default is {@code
 * synchronous_commit = off}.
 *
 * <p>A behaviour test spanning CheckpointStore, PlanStore and MigrationStore; named for that
 * behaviour.
 */
class DurableCommitTest {

  private SampleSource source;

  @AfterEach
  void close() {
    source.close();
  }

  @Test
  void checkpointPlanAndReportTransactionsCommitSynchronouslyOnAStageTunedForSpeed()
      throws Exception {
    source = SampleSource.small();
    PGSimpleDataSource stage = EmbeddedStage.newDatabase();
    SampleMigration migration = SampleMigration.create(source, stage, "migration-durable");
    migration.dropForeignKeys();
    try (Connection c = stage.getConnection();
        Statement st = c.createStatement()) {
      st.execute("ALTER DATABASE " + stage.getDatabaseName() + " SET synchronous_commit = off");
      // A trigger sees the setting of the transaction that writes the checkpoint.
      st.execute(
          "CREATE TABLE public.checkpoint_commit (tbl text NOT NULL, setting text NOT NULL)");
      st.execute(
          "CREATE FUNCTION public.record_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
              + " INSERT INTO public.checkpoint_commit VALUES (TG_TABLE_NAME, current_setting('synchronous_commit'));"
              + " RETURN NULL; END $$");
      for (String table : List.of("copy_checkpoint", "migration_entity_plan", "migration")) {
        st.execute(
            "CREATE TRIGGER record_commit AFTER INSERT OR UPDATE ON odc_catalog."
                + table
                + " FOR EACH ROW EXECUTE FUNCTION public.record_commit()");
      }
    }
    try (Connection fresh = stage.getConnection()) {
      assertThat(settings(fresh, "SELECT current_setting('synchronous_commit')"))
          .containsExactly("off");
    }

    EntityCopier copier = new EntityCopier(source.dataSource(), stage, ZoneOffset.UTC);
    EntityPlan plan = migration.plan().entities().get(0);
    CopyTask task = migration.task(plan.ref().appName(), plan.ref().entityName(), 2, 3);
    for (KeyRange range : copier.prepare(task)) {
      copier.copyRange(task, range, p -> {});
    }
    migration.store("migration-durable-2");
    try (Connection c = stage.getConnection()) {
      MigrationStore.recordStart(
          c,
          new MigrationRequest(
              "migration-durable-2",
              SampleMigration.ENVIRONMENT,
              SampleMigration.STAGE,
              false,
              false,
              false,
              false,
              MigrationOptions.defaults()));
    }

    try (Connection c = stage.getConnection()) {
      // created, then advanced per batch and completed per range: all of them
      assertThat(
              settings(
                  c, "SELECT setting FROM public.checkpoint_commit WHERE tbl = 'copy_checkpoint'"))
          .hasSizeGreaterThan(3)
          .containsOnly("on");
      assertThat(
              settings(
                  c,
                  "SELECT setting FROM public.checkpoint_commit WHERE tbl = 'migration_entity_plan'"))
          .hasSize(migration.plan().entities().size())
          .containsOnly("on");
      assertThat(
              settings(c, "SELECT setting FROM public.checkpoint_commit WHERE tbl = 'migration'"))
          .containsExactly("on");
    }
  }

  private static List<String> settings(Connection c, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
