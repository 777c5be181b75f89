package org.odcmigrate.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.ValuePolicy;
import org.odcmigrate.config.ValuePolicy.NulCharacters;
import org.odcmigrate.config.ValuePolicy.NullValues;
import org.odcmigrate.fixtures.ConfirmedSource;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.fixtures.TestConnections;
import org.odcmigrate.migration.FailureTypes;
import org.odcmigrate.migration.MigrationOptions;
import org.odcmigrate.migration.MigrationPlan;
import org.odcmigrate.migration.MigrationRequest;
import org.odcmigrate.migration.PlanningActivities;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code migration.nullValues: keep} against the NOT NULL columns {@code convert} declares: {@code
 * check} names the blocker with its configuration key, and the migration refuses in its
 * preparation, before anything is written; where the stage allows NULL, both go ahead.
 */
class KeptNullsTest {

  private static final String NAME_BLOCKER =
      "Inventory.Item.Name: 2 NULL value(s), which migration.nullValues: keep would write into"
          + " stage column ";
  private static final ValuePolicy KEEP = new ValuePolicy(NullValues.KEEP, NulCharacters.REPLACE);

  private SampleSource source;
  private PGSimpleDataSource stage;
  private TestActivityEnvironment temporal;

  @BeforeEach
  void convert() throws Exception {
    source = ConfirmedSource.create();
    stage = EmbeddedStage.newDatabase();
    SampleMigration.convert(source, stage);
  }

  @AfterEach
  void close() {
    if (temporal != null) {
      temporal.close();
    }
    source.close();
  }

  @Test
  void checkNamesTheAttributeTheColumnAndTheSettingToChange() throws Exception {
    CheckReport keep = check(KEEP);
    assertThat(keep.canStart()).isFalse();
    assertThat(keep.blockers())
        .anySatisfy(
            b ->
                assertThat(b)
                    .startsWith(NAME_BLOCKER)
                    .endsWith(
                        "declared NOT NULL: set migration.nullValues: default (the value the O11"
                            + " apps read), or allow NULL in that column"))
        .anySatisfy(b -> assertThat(b).startsWith("Inventory.Item.Photo: 2 NULL value(s)"))
        .anySatisfy(b -> assertThat(b).startsWith("Inventory.Note.Title: 1 NULL value(s)"));

    CheckReport byDefault = check(new ValuePolicy(NullValues.DEFAULT, NulCharacters.REPLACE));
    assertThat(byDefault.canStart()).as("%s", byDefault.blockers()).isTrue();
    CheckReport reject = check(new ValuePolicy(NullValues.REJECT, NulCharacters.REPLACE));
    assertThat(reject.blockers())
        .anySatisfy(b -> assertThat(b).contains("migration.nullValues: reject refuses"))
        .noneSatisfy(b -> assertThat(b).contains("nullValues: keep"));

    allowNulls();
    CheckReport kept = check(KEEP);
    assertThat(kept.canStart()).as("%s", kept.blockers()).isTrue();
  }

  @Test
  void theMigrationRefusesInItsPreparationBeforeWritingAnything() throws Exception {
    PlanningActivities planning = planning(KEEP);
    assertThatThrownBy(() -> planning.planMigration(request("keep-1")))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getType()).isEqualTo(FailureTypes.PLAN_REJECTED);
              assertThat(failure.getOriginalMessage()).contains(NAME_BLOCKER);
            });
    assertThat(storedPlans("keep-1")).as("nothing written for the migration").isZero();

    allowNulls();
    MigrationPlan plan = planning.planMigration(request("keep-2"));
    assertThat(plan.entityCount()).isEqualTo(2);
    assertThat(storedPlans("keep-2")).isEqualTo(2);
  }

  private CheckReport check(ValuePolicy policy) throws Exception {
    try (Connection from = source.dataSource().getConnection();
        Connection to = stage.getConnection()) {
      return new Assessment(policy, 1_000).run("Confirmed", "Development", from, to);
    }
  }

  private PlanningActivities planning(ValuePolicy policy) {
    Connections connections =
        TestConnections.of("Confirmed", source.url(), "Development", stage.getUrl(), false, policy);
    temporal = TestActivityEnvironment.newInstance();
    temporal.registerActivitiesImplementations(new PlanningActivitiesImpl(connections));
    return temporal.newActivityStub(PlanningActivities.class);
  }

  private static MigrationRequest request(String id) {
    // The confirmed environment's users include invalid emails: they are left out here.
    return new MigrationRequest(
        id, "Confirmed", "Development", false, false, true, false, MigrationOptions.defaults());
  }

  /** What a stage made otherwise than by {@code convert} may do: accept NULL in every column. */
  private void allowNulls() throws Exception {
    try (Connection c = stage.getConnection();
        Statement st = c.createStatement()) {
      for (EntityPlan entity : SampleMigration.plan(source, stage).entities()) {
        for (ColumnPlan column : entity.columns()) {
          if (!column.identifier()) {
            st.execute(
                "ALTER TABLE "
                    + entity.qualifiedTarget()
                    + " ALTER COLUMN \""
                    + column.targetColumn()
                    + "\" DROP NOT NULL");
          }
        }
      }
    }
  }

  private long storedPlans(String migrationId) throws Exception {
    try (Connection c = stage.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM odc_catalog.migration_entity_plan WHERE migration_id = '"
                    + migrationId
                    + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
