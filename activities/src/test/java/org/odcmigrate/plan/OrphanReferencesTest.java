package org.odcmigrate.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.ValuePolicy;
import org.odcmigrate.fixtures.AddedModule;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.OrphanLines;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.fixtures.TestConnections;
import org.odcmigrate.migration.FailureTypes;
import org.odcmigrate.migration.MigrationOptions;
import org.odcmigrate.migration.MigrationRequest;
import org.odcmigrate.migration.PlanningActivities;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Order lines whose order was deleted through SQL in O11: {@code check} names the attribute and the
 * count as a blocker, and the migration's preparation refuses before writing anything, instead of
 * failing when the app's foreign keys are restored after the load. References no foreign key holds
 * (Ignore, other apps) may point to nothing.
 */
class OrphanReferencesTest {

  private SampleSource source;
  private PGSimpleDataSource stage;
  private TestActivityEnvironment temporal;

  @BeforeEach
  void convert() throws Exception {
    source = SampleSource.small();
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
  void checkNamesTheAttributeAndHowManyRowsPointToNothing() throws Exception {
    OrphanLines.deleteAProduct(source);
    CheckReport dangling = check();
    assertThat(dangling.canStart())
        .as("an Ignore reference to another app blocks nothing: %s", dangling.blockers())
        .isTrue();

    long orphans = OrphanLines.deleteAnOrder(source);
    assertThat(orphans).isPositive();
    CheckReport report = check();
    assertThat(report.canStart()).isFalse();
    assertThat(report.blockers())
        .containsExactly("Orders.OrderLine.OrderId: " + orphans + OrphanLines.BLOCKER_AFTER_COUNT);
  }

  @Test
  void theMigrationRefusesInItsPreparationNamingTheAttribute() throws Exception {
    long orphans = OrphanLines.deleteAnOrder(source);
    PlanningActivities planning = planning();
    assertThatThrownBy(() -> planning.planMigration(request()))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getType()).isEqualTo(FailureTypes.PLAN_REJECTED);
              assertThat(failure.getOriginalMessage())
                  .contains(
                      "Orders.OrderLine.OrderId: " + orphans + OrphanLines.BLOCKER_AFTER_COUNT);
            });
    assertThat(storedPlans()).as("nothing written for the migration").isZero();
  }

  /**
   * ODC gives converted apps keys of their own: the blocker is found through the module each app
   * was converted from, by {@code check} and by the preparation alike.
   */
  @Test
  void appsKeyedApartFromTheirModulesAreCheckedAgainstTheirModules() throws Exception {
    SampleMigration.convertWithOwnAppKeys(source, stage);
    long orphans = OrphanLines.deleteAnOrder(source);
    String blocker = "Orders.OrderLine.OrderId: " + orphans + OrphanLines.BLOCKER_AFTER_COUNT;

    CheckReport report = check();
    assertThat(report.entities()).hasSize(7);
    assertThat(report.blockers()).containsExactly(blocker);
    assertThat(report.canStart()).isFalse();
    PlanningActivities planning = planning();
    assertThatThrownBy(() -> planning.planMigration(request()))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getOriginalMessage()).contains(blocker));
    assertThat(storedPlans()).as("nothing written for the migration").isZero();
  }

  /**
   * SQL Server's usual collations match a text reference to an identifier that differs in case or
   * trailing spaces; PostgreSQL's foreign key does not. H2 stands in with a case-insensitive
   * identifier column; the SQL Server suite covers trailing spaces.
   */
  @Test
  void aTextReferenceThatMatchesOnlyInTheSourcesCollationBlocks() throws Exception {
    source.close();
    source = SampleSource.small();
    try (Connection o11 = source.dataSource().getConnection();
        Statement st = o11.createStatement()) {
      AddedModule codes = AddedModule.add(o11, "Codes");
      String countryKey = UUID.randomUUID().toString();
      String codeKey = UUID.randomUUID().toString();
      int country = codes.entity("Country", "OSUSR_CD1_COUNTRY", countryKey, codeKey);
      codes.attribute(country, codeKey, "Code", "CODE", "rtText", null, 0);
      String addressIdKey = UUID.randomUUID().toString();
      int address =
          codes.entity("Address", "OSUSR_CD1_ADDRESS", UUID.randomUUID().toString(), addressIdKey);
      codes.attribute(address, addressIdKey, "Id", "ID", "rtLongInteger", null, 0);
      codes.attribute(
          address, null, "CountryCode", "COUNTRYCODE", codes.referenceTo(countryKey), "Protect", 1);
      st.execute("CREATE TABLE [OSUSR_CD1_COUNTRY] ([CODE] VARCHAR_IGNORECASE(50) PRIMARY KEY)");
      st.execute(
          "CREATE TABLE [OSUSR_CD1_ADDRESS] ([ID] BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,"
              + " [COUNTRYCODE] NVARCHAR(50) NULL)");
      st.execute("INSERT INTO [OSUSR_CD1_COUNTRY] VALUES ('PT'), ('ES')");
      st.execute("INSERT INTO [OSUSR_CD1_ADDRESS] ([COUNTRYCODE]) VALUES ('PT'), ('ES'), (NULL)");
    }
    stage = EmbeddedStage.newDatabase();
    SampleMigration.convert(source, stage);
    assertThat(check().blockers()).as("references equal to their identifiers").isEmpty();

    try (Connection o11 = source.dataSource().getConnection();
        Statement st = o11.createStatement()) {
      st.execute("INSERT INTO [OSUSR_CD1_ADDRESS] ([COUNTRYCODE]) VALUES ('pt'), ('Es'), ('FR')");
    }
    CheckReport report = check();
    assertThat(report.canStart()).isFalse();
    assertThat(report.blockers())
        .containsExactly(
            "Codes.Address.CountryCode: 1 row(s) reference Country rows that do not exist, which"
                + " the stage's foreign key refuses: delete or fix them in O11",
            "Codes.Address.CountryCode: 2 row(s) reference Country by a text that differs from"
                + " its identifier in case or trailing spaces, which O11 matches and the stage's"
                + " foreign key refuses: make them equal in O11");
  }

  private CheckReport check() throws Exception {
    try (Connection from = source.dataSource().getConnection();
        Connection to = stage.getConnection()) {
      return new Assessment(ValuePolicy.defaults(), 1_000).run("Sample", "Development", from, to);
    }
  }

  private PlanningActivities planning() {
    Connections connections =
        TestConnections.of("Sample", source.url(), "Development", stage.getUrl());
    temporal = TestActivityEnvironment.newInstance();
    temporal.registerActivitiesImplementations(new PlanningActivitiesImpl(connections));
    return temporal.newActivityStub(PlanningActivities.class);
  }

  private static MigrationRequest request() {
    return new MigrationRequest(
        "orphans-1",
        "Sample",
        "Development",
        false,
        false,
        true,
        false,
        MigrationOptions.defaults());
  }

  private long storedPlans() throws Exception {
    try (Connection c = stage.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM odc_catalog.migration_entity_plan"
                    + " WHERE migration_id = 'orphans-1'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
