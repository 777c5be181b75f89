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
import org.odcmigrate.model.EntityPlan;
import org.odcmigrate.model.KeyRange;
import org.postgresql.ds.PGSimpleDataSource;

/** Checkpoints commit durably on a stage whose default is {@code synchronous_commit = off}. */
class DurableCommitTest {

  private SampleSource source;

  @AfterEach
  void close() {
    source.close();
  }

  @Test
  void everyCheckpointTransactionCommitsSynchronouslyOnAStageTunedForSpeed() throws Exception {
    source = SampleSource.small();
    PGSimpleDataSource stage = EmbeddedStage.newDatabase();
    SampleMigration migration = SampleMigration.create(source, stage, "migration-durable");
    migration.dropForeignKeys();
    try (Connection c = stage.getConnection(); Statement st = c.createStatement()) {
      st.execute("ALTER DATABASE " + stage.getDatabaseName() + " SET synchronous_commit = off");
      // A trigger sees the setting of the transaction that writes the checkpoint.
      st.execute("CREATE TABLE public.checkpoint_commit (setting text NOT NULL)");
      st.execute("CREATE FUNCTION public.record_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
          + " INSERT INTO public.checkpoint_commit VALUES (current_setting('synchronous_commit')); RETURN NULL; END $$");
      st.execute("CREATE TRIGGER record_commit AFTER INSERT OR UPDATE ON odc_catalog.copy_checkpoint"
          + " FOR EACH ROW EXECUTE FUNCTION public.record_commit()");
    }
    try (Connection fresh = stage.getConnection()) {
      assertThat(settings(fresh, "SELECT current_setting('synchronous_commit')")).containsExactly("off");
    }

    EntityCopier copier = new EntityCopier(source.dataSource(), stage, ZoneOffset.UTC);
    EntityPlan plan = migration.plan().entities().get(0);
    CopyTask task = migration.task(plan.ref().appName(), plan.ref().entityName(), 2, 3);
    for (KeyRange range : copier.prepare(task)) {
      copier.copyRange(task, range, p -> {});
    }

    try (Connection c = stage.getConnection()) {
      List<String> recorded = settings(c, "SELECT setting FROM public.checkpoint_commit");
      // created, then advanced per batch and completed per range: all of them
      assertThat(recorded).hasSizeGreaterThan(3).containsOnly("on");
    }
  }

  private static List<String> settings(Connection c, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
