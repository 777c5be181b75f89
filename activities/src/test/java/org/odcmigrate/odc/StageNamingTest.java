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
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.migration.CopyTask;
import org.odcmigrate.migration.EntityResult;
import org.odcmigrate.model.ColumnPlan;
import org.odcmigrate.model.EntityPlan;
import org.odcmigrate.model.KeyRange;
import org.odcmigrate.o11.O11Metadata;

/**
 * O11 names that snake_case would merge or PostgreSQL would cut, converted into a real PostgreSQL
 * stage and migrated: each gets its own stage name and every value arrives.
 */
class StageNamingTest {

  /** 24 characters of three bytes each: 72 bytes, more than PostgreSQL keeps of an identifier. */
  private static final String LONG_PREFIX = "顧客の連絡先の希望".repeat(2) + "顧客の連絡先";
  private static final String MODULE = "Naming";

  private final List<SampleSource> sources = new ArrayList<>();

  @AfterEach
  void closeSources() {
    sources.forEach(SampleSource::close);
  }

  @Test
  void namesThatWouldMeetGetTheirOwnStageNamesAndMigrateExactly() throws Exception {
    SampleSource source = sampleWith(List.of(LONG_PREFIX + "メール", LONG_PREFIX + "電話", "Name", "NAME", "Select"));
    SampleMigration migration = SampleMigration.create(source, EmbeddedStage.newDatabase(), "naming-1");
    migration.dropForeignKeys();

    EntityPlan customer = migration.entityPlan(MODULE, "Customer");
    EntityPlan upper = migration.entityPlan(MODULE, "CUSTOMER");
    assertThat(customer.targetTable()).matches("customer_[0-9a-f]{8}");
    assertThat(upper.targetTable()).matches("customer_[0-9a-f]{8}").isNotEqualTo(customer.targetTable());
    List<String> columns = customer.columns().stream().map(ColumnPlan::targetColumn).toList();
    assertThat(columns).doesNotHaveDuplicates().contains("select").hasSize(6);
    assertThat(columns).allSatisfy(c -> assertThat(c.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63));
    assertThat(CopiedRows.stageColumns(migration, customer)).as("what PostgreSQL recorded").isEqualTo(columns);

    EntityCopier copier = new EntityCopier(source.dataSource(), migration.stage(), ZoneOffset.UTC);
    for (EntityPlan plan : List.of(customer, upper)) {
      CopyTask task = migration.task(MODULE, plan.ref().entityName(), 1_000, 1_000_000);
      for (KeyRange range : copier.prepare(task)) {
        copier.copyRange(task, range, p -> {});
      }
      EntityResult result = copier.verify(task);
      assertThat(result.status()).as(plan.ref().toString()).isEqualTo(EntityResult.Status.COMPLETED);
      assertThat(result.rowsWritten()).isEqualTo(3);
      CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC);
    }
    // The reference of CUSTOMER to Customer keeps its foreign key between the hashed tables.
    try (Connection stage = migration.stage().getConnection()) {
      ForeignKeys.restore(stage, migration.app(MODULE).schema());
    }
  }

  @Test
  void theSameNamesComeOutWhateverTheOrderOfTheAttributes() throws Exception {
    List<String> names = List.of(LONG_PREFIX + "メール", LONG_PREFIX + "電話", "Name", "NAME", "Select");
    List<String> reversed = new ArrayList<>(names);
    Collections.reverse(reversed);
    assertThat(columnsOfCustomer(reversed)).containsExactlyInAnyOrderElementsOf(columnsOfCustomer(names));
  }

  @Test
  void convertRefusesNamesThatWouldStillMeetNamingBoth() throws Exception {
    String hashedName = StageNames.distinct(List.of("Name", "NAME"), "x").get("Name");
    SampleSource source = sampleWith(List.of("Name", "NAME", hashedName));
    try (Connection from = source.dataSource().getConnection(); Connection to = EmbeddedStage.newDatabase().getConnection()) {
      assertThatThrownBy(() -> new ModelConverter(O11Metadata.read(from)).convert(List.of(), from, to))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the attributes of Naming.Customer 'Name' and '" + hashedName + "' both map to stage name "
              + hashedName + "; rename one of them in O11");
      try (Statement st = to.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname IN ('odc_catalog', 'customers', 'naming')")) {
        rs.next();
        assertThat(rs.getInt(1)).as("nothing converted").isZero();
      }
    }
  }

  private List<String> columnsOfCustomer(List<String> attributeNames) throws SQLException {
    SampleSource source = sampleWith(attributeNames);
    try (Connection from = source.dataSource().getConnection(); Connection to = EmbeddedStage.newDatabase().getConnection()) {
      new ModelConverter(O11Metadata.read(from)).convert(List.of(MODULE), from, to);
      List<String> columns = new ArrayList<>();
      try (Statement st = to.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT a.column_name FROM odc_catalog.attribute a JOIN odc_catalog.entity e USING (app_key, entity_key)"
              + " WHERE e.name = 'Customer'")) {
        while (rs.next()) {
          columns.add(rs.getString(1));
        }
      }
      return columns;
    }
  }

  /**
   * The sample environment plus module Naming: entity Customer with an identifier and the given
   * text attributes, and entity CUSTOMER (a reserved word attribute Order, a reference to
   * Customer), three rows each.
   */
  private SampleSource sampleWith(List<String> attributeNames) throws SQLException {
    SampleSource source = SampleSource.small();
    sources.add(source);
    try (Connection o11 = source.dataSource().getConnection()) {
      String moduleKey = UUID.randomUUID().toString();
      int espace = insert(o11, "INSERT INTO [ossys_Espace] ([Name], [SS_Key], [Is_Active], [Is_System], [EspaceKind],"
          + " [User_Provider_Espace_Id]) VALUES (?, ?, 1, 0, 'eSpace', NULL)", MODULE, moduleKey);
      String customerKey = UUID.randomUUID().toString();
      List<String> columns = new ArrayList<>();
      String customerIdKey = UUID.randomUUID().toString();
      int customer = entity(o11, espace, "Customer", "OSUSR_NM1_CUSTOMER1", customerKey, customerIdKey);
      attribute(o11, customer, customerIdKey, "Id", "ID", "rtLongInteger", null, 0);
      for (int i = 0; i < attributeNames.size(); i++) {
        attribute(o11, customer, null, attributeNames.get(i), "A" + i, "rtText", null, i + 1);
        columns.add("[A" + i + "] NVARCHAR(50) NULL");
      }
      String upperKey = UUID.randomUUID().toString();
      String upperIdKey = UUID.randomUUID().toString();
      int upper = entity(o11, espace, "CUSTOMER", "OSUSR_NM1_CUSTOMER2", upperKey, upperIdKey);
      attribute(o11, upper, upperIdKey, "Id", "ID", "rtInteger", null, 0);
      attribute(o11, upper, null, "Order", "ORDER1", "rtText", null, 1);
      attribute(o11, upper, null, "Customer", "CUSTOMERID", "bt" + moduleKey + "*" + customerKey, "Protect", 2);
      try (Statement st = o11.createStatement()) {
        st.execute("CREATE TABLE [OSUSR_NM1_CUSTOMER1] ([ID] BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY"
            + columns.stream().map(c -> ", " + c).reduce("", String::concat) + ")");
        st.execute("CREATE TABLE [OSUSR_NM1_CUSTOMER2] ([ID] INT IDENTITY(1,1) NOT NULL PRIMARY KEY,"
            + " [ORDER1] NVARCHAR(50) NULL, [CUSTOMERID] BIGINT NULL)");
        for (int row = 1; row <= 3; row++) {
          StringBuilder values = new StringBuilder();
          for (int i = 0; i < attributeNames.size(); i++) {
            values.append(", N'値 ").append(row).append('.').append(i).append('\'');
          }
          StringBuilder names = new StringBuilder();
          for (int i = 0; i < attributeNames.size(); i++) {
            names.append(", [A").append(i).append(']');
          }
          st.execute("INSERT INTO [OSUSR_NM1_CUSTOMER1] (" + names.substring(2) + ") VALUES (" + values.substring(2) + ")");
          st.execute("INSERT INTO [OSUSR_NM1_CUSTOMER2] ([ORDER1], [CUSTOMERID]) VALUES ('order " + row + "', " + row + ")");
        }
      }
    }
    return source;
  }

  private static int entity(Connection o11, int espace, String name, String table, String key, String idKey)
      throws SQLException {
    return insert(o11, "INSERT INTO [ossys_Entity] ([Name], [Physical_Table_Name], [Espace_Id], [SS_Key], [PrimaryKey_SS_Key],"
        + " [Is_Active], [Is_System], [Data_Kind], [Is_Multitenant]) VALUES (?, ?, " + espace + ", ?, ?, 1, 0, 'entity', 0)",
        name, table, key, idKey);
  }

  /** An attribute; the identifier when idKey is given, an optional one otherwise. */
  private static void attribute(Connection o11, int entity, String idKey, String name, String column, String type,
      String deleteRule, int position) throws SQLException {
    boolean id = idKey != null;
    insert(o11, "INSERT INTO [ossys_Entity_Attr] ([Entity_Id], [Name], [SS_Key], [Database_Name], [Type], [Length],"
        + " [Decimals], [Is_Mandatory], [Is_AutoNumber], [Delete_Rule], [Is_Active], [Position]) VALUES (" + entity
        + ", ?, ?, ?, ?, 50, 0, " + (id ? 1 : 0) + ", " + (id ? 1 : 0) + ", ?, 1, " + position + ")",
        name, id ? idKey : UUID.randomUUID().toString(), column, type, deleteRule);
  }

  private static int insert(Connection o11, String sql, String... values) throws SQLException {
    try (PreparedStatement ps = o11.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      for (int i = 0; i < values.length; i++) {
        ps.setString(i + 1, values[i]);
      }
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getInt(1);
      }
    }
  }
}
