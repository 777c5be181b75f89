package org.odcmigrate.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.odcmigrate.config.ValuePolicy;
import org.odcmigrate.config.ValuePolicy.NulCharacters;
import org.odcmigrate.config.ValuePolicy.NullValues;
import org.odcmigrate.fixtures.ConfirmedSource;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.plan.CheckReport.Kind;
import org.odcmigrate.plan.CheckReport.Rewrite;

/** {@code check} on the generated sample and on the confirmed-columns environment. */
class AssessmentTest {

  private static CheckReport check(SampleSource source, DataSource stage, ValuePolicy policy)
      throws Exception {
    try (Connection from = source.dataSource().getConnection();
        Connection to = stage.getConnection()) {
      return new Assessment(policy, 1_000).run("env", "stage", from, to);
    }
  }

  @Test
  void theSampleCanStartAndItsSizesAreTheRowsItHolds() throws Exception {
    try (SampleSource source = SampleSource.small()) {
      DataSource stage = EmbeddedStage.newDatabase();
      SampleMigration.convert(source, stage);
      String changesBefore = stageChanges(stage);
      CheckReport report = check(source, stage, ValuePolicy.defaults());
      assertThat(report.canStart())
          .as("%s %s %s", report.blockers(), report.modelDifferences(), report.invalidEmails())
          .isTrue();
      // The sample's platform tables hold every optional column: only the Users tenant is derived.
      assertThat(report.derived())
          .singleElement()
          .satisfies(d -> assertThat(d).startsWith("end users' tenant").contains("named Users"));
      assertThat(report.modules())
          .extracting(CheckReport.ModuleApp::module)
          .containsExactlyInAnyOrderElementsOf(source.sample().appModules());
      assertThat(report.entities())
          .hasSize(7)
          .allSatisfy(
              e -> {
                assertThat(e.rows()).isEqualTo(source.rows(e.app(), e.entity()));
                assertThat(e.bytes()).isGreaterThan(e.rows());
              });
      assertThat(report.totalRows())
          .isEqualTo(report.entities().stream().mapToLong(CheckReport.EntitySize::rows).sum());
      assertThat(report.estimatedSeconds()).isEqualTo((report.totalRows() + 999) / 1000);
      // The sample's deleted Country record is referenced; its users are all of the Users tenant.
      assertThat(report.rewrites())
          .extracting(Rewrite::kind)
          .contains(Kind.DELETED_STATIC_RECORD)
          .doesNotContain(Kind.NULL_VALUE, Kind.NUL_CHARACTER);
      assertThat(stageChanges(stage)).as("check writes nothing").isEqualTo(changesBefore);
    }
  }

  @Test
  void theConfirmedEnvironmentListsEveryValueToRewrite() throws Exception {
    try (SampleSource source = ConfirmedSource.create()) {
      DataSource stage = EmbeddedStage.newDatabase();
      SampleMigration.convert(source, stage);
      CheckReport reject = check(source, stage, ValuePolicy.defaults());
      assertThat(reject.found())
          .contains("entity tables in other database catalogs: " + ConfirmedSource.CATALOG);
      assertThat(reject.derived()).hasSize(4);
      assertThat(reject.entities())
          .extracting(CheckReport.EntitySize::entity, CheckReport.EntitySize::rows)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("Item", 4L),
              org.assertj.core.groups.Tuple.tuple("Note", 3L));
      assertThat(reject.rewrites())
          .contains(
              new Rewrite(
                  "Inventory", "Item", "Name", Kind.NULL_VALUE, 2, "the type's default value ('')"),
              new Rewrite(
                  "Inventory",
                  "Item",
                  "Photo",
                  Kind.NULL_VALUE,
                  2,
                  "the type's default value (an empty binary)"),
              new Rewrite("Inventory", "Item", "Unit", Kind.DELETED_STATIC_RECORD, 1, "NULL"),
              new Rewrite("Inventory", "Item", "Owner", Kind.USER_OF_OTHER_TENANT, 1, "NULL"),
              new Rewrite("Inventory", "Item", "Owner", Kind.USER_MISSING, 1, "NULL"),
              new Rewrite(
                  "Inventory",
                  "Note",
                  "Body",
                  Kind.NUL_CHARACTER,
                  2,
                  "refused (migration.nulCharacters: reject)"),
              new Rewrite(
                  "Inventory",
                  "Note",
                  "Title",
                  Kind.NUL_CHARACTER,
                  1,
                  "refused (migration.nulCharacters: reject)"));
      // With the default nulCharacters: reject, the U+0000 values would stop the copy: no start.
      assertThat(reject.canStart()).isFalse();
      assertThat(reject.blockers()).hasSize(2).allSatisfy(b -> assertThat(b).contains("U+0000"));

      CheckReport replace =
          check(source, stage, new ValuePolicy(NullValues.DEFAULT, NulCharacters.REPLACE));
      assertThat(replace.canStart()).as("%s", replace.blockers()).isTrue();
      CheckReport refuseNulls =
          check(source, stage, new ValuePolicy(NullValues.REJECT, NulCharacters.REPLACE));
      assertThat(refuseNulls.canStart()).isFalse();
      assertThat(refuseNulls.blockers())
          .anySatisfy(b -> assertThat(b).startsWith("Inventory.Item.Name: 2 NULL value(s)"));
    }
  }

  @Test
  void modelDifferencesAndInvalidEmailsAreListedAndStopTheStart() throws Exception {
    try (SampleSource source = ConfirmedSource.create()) {
      DataSource stage = EmbeddedStage.newDatabase();
      SampleMigration.convert(source, stage);
      ValuePolicy replace = new ValuePolicy(NullValues.DEFAULT, NulCharacters.REPLACE);
      assertThat(check(source, stage, replace).canStart()).isTrue();
      try (Connection to = stage.getConnection();
          Statement st = to.createStatement()) {
        st.execute(
            "UPDATE odc_catalog.attribute SET length = 60 WHERE name = 'Name' AND entity_key ="
                + " (SELECT entity_key FROM odc_catalog.entity WHERE name = 'Item')");
      }
      try (Connection from = source.dataSource().getConnection();
          Statement st = from.createStatement()) {
        st.execute("UPDATE [ossys_User] SET [Email] = 'bob at example' WHERE [Id] = 2");
      }
      CheckReport report = check(source, stage, replace);
      assertThat(report.canStart()).isFalse();
      assertThat(report.modelDifferences())
          .containsExactly(
              "attribute Inventory.Item.Name has length/decimals 50/0 in O11 but 60/0 in ODC");
      assertThat(report.invalidEmails())
          .containsExactly(
              "user 2 (bob) has a malformed email 'bob at example': correct it in O11");
      assertThat(report.blockers()).isEmpty();
      assertThat(report.entities())
          .as("an entity that differs is not planned")
          .extracting(CheckReport.EntitySize::entity)
          .containsExactly("Note");
    }
  }

  @Test
  void aStageWithoutTheAppsCannotStartAndSaysWhy() throws Exception {
    try (SampleSource source = ConfirmedSource.create()) {
      CheckReport report = check(source, EmbeddedStage.newDatabase(), ValuePolicy.defaults());
      assertThat(report.canStart()).isFalse();
      assertThat(report.blockers())
          .contains("stage stage holds no converted app: convert the O11 modules into it first");
      assertThat(report.modules()).extracting(CheckReport.ModuleApp::app).containsOnlyNulls();
      assertThat(report.entities()).isEmpty();
    }
  }

  /** The stage's schemas, tables and the row count of every table, as text. */
  private static String stageChanges(DataSource stage) throws Exception {
    StringBuilder snapshot = new StringBuilder();
    try (Connection c = stage.getConnection();
        Statement st = c.createStatement()) {
      List<String> tables = new java.util.ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT table_schema || '.' || table_name FROM information_schema.tables"
                  + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
          rs.next();
          snapshot.append(table).append('=').append(rs.getLong(1)).append('\n');
        }
      }
    }
    return snapshot.toString();
  }
}
