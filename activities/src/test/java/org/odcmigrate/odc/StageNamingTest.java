package org.odcmigrate.odc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.copy.EntityCopier;
import org.odcmigrate.fixtures.CopiedRows;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.NamingSample;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.migration.CopyTask;
import org.odcmigrate.migration.EntityResult;
import org.odcmigrate.migration.KeyRange;
import org.odcmigrate.o11.O11Metadata;
import org.odcmigrate.plan.ColumnPlan;
import org.odcmigrate.plan.EntityPlan;

/**
 * O11 names that snake_case would merge or PostgreSQL would cut, converted into a real PostgreSQL
 * stage and migrated: each gets its own stage name and every value arrives.
 *
 * <p>A behaviour test spanning StageNames, ModelConverter, ForeignKeys and the copy engine; named
 * for that behaviour.
 */
class StageNamingTest {

  private static final String LONG_PREFIX = NamingSample.LONG_PREFIX;
  private static final String MODULE = NamingSample.MODULE;

  private final List<SampleSource> sources = new ArrayList<>();

  @AfterEach
  void closeSources() {
    sources.forEach(SampleSource::close);
  }

  @Test
  void namesThatWouldMeetGetTheirOwnStageNamesAndMigrateExactly() throws Exception {
    SampleSource source =
        sampleWith(List.of(LONG_PREFIX + "メール", LONG_PREFIX + "電話", "Name", "NAME", "Select"));
    SampleMigration migration =
        SampleMigration.create(source, EmbeddedStage.newDatabase(), "naming-1");
    migration.dropForeignKeys();

    EntityPlan customer = migration.entityPlan(MODULE, "Customer");
    EntityPlan upper = migration.entityPlan(MODULE, "CUSTOMER");
    assertThat(customer.targetTable()).matches("customer_[0-9a-f]{8}");
    assertThat(upper.targetTable())
        .matches("customer_[0-9a-f]{8}")
        .isNotEqualTo(customer.targetTable());
    List<String> columns = customer.columns().stream().map(ColumnPlan::targetColumn).toList();
    assertThat(columns).doesNotHaveDuplicates().contains("select").hasSize(6);
    assertThat(columns)
        .allSatisfy(
            c -> assertThat(c.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63));
    assertThat(CopiedRows.stageColumns(migration, customer))
        .as("what PostgreSQL recorded")
        .isEqualTo(columns);

    EntityCopier copier = new EntityCopier(source.dataSource(), migration.stage(), ZoneOffset.UTC);
    for (EntityPlan plan : List.of(customer, upper)) {
      CopyTask task = migration.task(MODULE, plan.ref().entityName(), 1_000, 1_000_000);
      for (KeyRange range : copier.prepare(task)) {
        copier.copyRange(task, range, p -> {});
      }
      EntityResult result = copier.verify(task);
      assertThat(result.status())
          .as(plan.ref().toString())
          .isEqualTo(EntityResult.Status.COMPLETED);
      assertThat(result.rowsWritten()).isEqualTo(3);
      CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC);
    }
    // The reference of CUSTOMER to Customer keeps its foreign key between the hashed tables.
    try (Connection stage = migration.stage().getConnection()) {
      ForeignKeys.restore(stage, migration.app(MODULE).schema());
      try (PreparedStatement ps =
          stage.prepareStatement(
              "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n"
                  + " ON n.oid = c.connamespace WHERE n.nspname = ? AND c.contype = 'f'")) {
        ps.setString(1, migration.app(MODULE).schema());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertThat(rs.getInt(1)).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void theSameNamesComeOutWhateverTheOrderOfTheAttributes() throws Exception {
    List<String> names = List.of(LONG_PREFIX + "メール", LONG_PREFIX + "電話", "Name", "NAME", "Select");
    List<String> reversed = new ArrayList<>(names);
    Collections.reverse(reversed);
    assertThat(columnsOfCustomer(reversed))
        .containsExactlyInAnyOrderElementsOf(columnsOfCustomer(names));
  }

  @Test
  void modulesWhoseNamesMergeGetTheirOwnSchemaWhicheverModulesAreConverted() throws Exception {
    SampleSource source = sampleWith(List.of("Name"));
    try (Connection o11 = source.dataSource().getConnection();
        Statement st = o11.createStatement()) {
      st.execute(
          "INSERT INTO [ossys_Espace] ([Name], [SS_Key], [Is_Active], [Is_System], [EspaceKind],"
              + " [User_Provider_Espace_Id]) VALUES ('NAMING', '"
              + UUID.randomUUID()
              + "', 1, 0, 'eSpace', NULL)");
    }
    String alone = schemaOfNaming(source, List.of(MODULE));
    String withAll = schemaOfNaming(source, List.of());
    assertThat(alone).matches("naming_[0-9a-f]{8}").isEqualTo(withAll);
    try (Connection from = source.dataSource().getConnection();
        Connection to = EmbeddedStage.newDatabase().getConnection()) {
      new ModelConverter(O11Metadata.read(from)).convert(List.of(), from, to);
      try (Statement st = to.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT count(DISTINCT schema_name), count(*) FROM odc_catalog.app WHERE lower(name) = 'naming'")) {
        rs.next();
        assertThat(rs.getInt(1)).as("one schema each").isEqualTo(2).isEqualTo(rs.getInt(2));
      }
    }
  }

  private static String schemaOfNaming(SampleSource source, List<String> modules)
      throws SQLException {
    try (Connection from = source.dataSource().getConnection();
        Connection to = EmbeddedStage.newDatabase().getConnection()) {
      new ModelConverter(O11Metadata.read(from)).convert(modules, from, to);
      try (Statement st = to.createStatement();
          ResultSet rs =
              st.executeQuery("SELECT schema_name FROM odc_catalog.app WHERE name = 'Naming'")) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  @Test
  void convertRefusesNamesThatWouldStillMeetNamingBoth() throws Exception {
    String hashedName = StageNames.distinct(List.of("Name", "NAME"), "x").get("Name");
    SampleSource source = sampleWith(List.of("Name", "NAME", hashedName));
    try (Connection from = source.dataSource().getConnection();
        Connection to = EmbeddedStage.newDatabase().getConnection()) {
      assertThatThrownBy(
              () -> new ModelConverter(O11Metadata.read(from)).convert(List.of(), from, to))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "the attributes of Naming.Customer 'Name' and '"
                  + hashedName
                  + "' both map to stage name "
                  + hashedName
                  + "; rename one of them in O11");
      try (Statement st = to.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT count(*) FROM pg_namespace WHERE nspname IN ('odc_catalog', 'customers', 'naming')")) {
        rs.next();
        assertThat(rs.getInt(1)).as("nothing converted").isZero();
      }
    }
  }

  private SampleSource sampleWith(List<String> attributeNames) throws SQLException {
    SampleSource source = NamingSample.create(attributeNames);
    sources.add(source);
    return source;
  }

  private List<String> columnsOfCustomer(List<String> attributeNames) throws SQLException {
    SampleSource source = sampleWith(attributeNames);
    try (Connection from = source.dataSource().getConnection();
        Connection to = EmbeddedStage.newDatabase().getConnection()) {
      new ModelConverter(O11Metadata.read(from)).convert(List.of(MODULE), from, to);
      List<String> columns = new ArrayList<>();
      try (Statement st = to.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT a.column_name FROM odc_catalog.attribute a JOIN odc_catalog.entity e USING (app_key, entity_key)"
                      + " WHERE e.name = 'Customer'")) {
        while (rs.next()) {
          columns.add(rs.getString(1));
        }
      }
      return columns;
    }
  }
}
