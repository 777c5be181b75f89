package org.odcmigrate.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.migration.AppPlan;
import org.odcmigrate.migration.EntityRef;

/**
 * Planning over the converted sample: the plan itself, and every model difference reported by name.
 */
class PlannerTest {

  private SampleSource source;
  private DataSource stage;

  @BeforeEach
  void convertSample() throws SQLException {
    source = SampleSource.small();
    stage = EmbeddedStage.newDatabase();
    SampleMigration.convert(source, stage);
  }

  @AfterEach
  void closeSource() {
    source.close();
  }

  @Test
  void plansEveryNonStaticEntityOfTheThreeApps() throws SQLException {
    PlanResult result = SampleMigration.plan(source, stage);

    assertThat(result.problems()).isEmpty();
    assertThat(result.accepted()).isTrue();
    Map<String, List<String>> entitiesByApp =
        result.apps().stream()
            .collect(
                Collectors.toMap(
                    AppPlan::appName,
                    app -> app.entities().stream().map(EntityRef::entityName).sorted().toList()));
    // Country is static (its records come with the code); LegacyReports is a deleted module.
    assertThat(entitiesByApp)
        .containsOnly(
            Map.entry("Customers", List.of("Customer", "CustomerNote", "UserProfile")),
            Map.entry("Orders", List.of("Order", "OrderLine")),
            Map.entry("Catalog", List.of("Product", "Warehouse")));
    assertThat(result.apps())
        .extracting(AppPlan::schema)
        .containsExactlyInAnyOrder("customers", "orders", "catalog");
    assertThat(result.entities())
        .extracting(EntityPlan::ref)
        .containsExactlyInAnyOrderElementsOf(
            result.apps().stream().flatMap(a -> a.entities().stream()).toList());

    EntityPlan customer = plan(result, "Customer");
    assertThat(customer.sourceTable()).isEqualTo(source.table("Customers", "Customer"));
    assertThat(customer.qualifiedTarget()).isEqualTo("\"customers\".\"customer\"");
    assertThat(customer.autoNumber()).isTrue();
    assertThat(customer.identifier().sourceColumn()).isEqualTo("ID");
    assertThat(customer.columns())
        .extracting(ColumnPlan::attribute)
        .doesNotContain("LegacyCode")
        .hasSize(13);
    ColumnPlan country = column(customer, "CountryId");
    assertThat(country.reference()).isTrue();
    assertThat(country.kind()).isEqualTo(ValueKind.INTEGER);
    assertCountryTarget(customer, country.staticTarget());
    assertThat(column(customer, "CreatedBy").kind()).isEqualTo(ValueKind.USER_REFERENCE);
    assertThat(column(customer, "CreatedBy").staticTarget()).isNull();
    assertThat(column(customer, "Balance").kind()).isEqualTo(ValueKind.DECIMAL);
    assertThat(column(customer, "BirthDate").kind()).isEqualTo(ValueKind.DATE);

    EntityPlan product = plan(result, "Product");
    assertThat(product.identifier().kind()).isEqualTo(ValueKind.TEXT);
    assertThat(product.autoNumber()).isFalse();
    assertThat(plan(result, "Warehouse").autoNumber()).isFalse();
    // A reference to another app's text-keyed entity travels as text.
    assertThat(column(plan(result, "OrderLine"), "ProductSku").kind()).isEqualTo(ValueKind.TEXT);
  }

  /**
   * ODC gives converted apps keys of their own: the plan keeps the stage's app key and the module's
   * SS_Key apart, and a plan stored before it kept the module's key still serves as an incremental
   * run's base.
   */
  @Test
  void appsWithKeysOfTheirOwnArePlannedFromTheModulesTheyCameFrom() throws SQLException {
    SampleMigration.convertWithOwnAppKeys(source, stage);
    PlanResult result = SampleMigration.plan(source, stage);

    assertThat(result.problems()).isEmpty();
    assertThat(result.entities()).hasSize(7);
    Map<String, String> moduleKeys = catalogModuleKeys();
    assertThat(result.entities())
        .allSatisfy(
            e -> {
              assertThat(e.sourceModuleKey()).isEqualTo(moduleKeys.get(e.ref().appKey()));
              assertThat(e.sourceModuleKey()).isNotEqualToIgnoringCase(e.ref().appKey());
            });
    EntityPlan customer = plan(result, "Customer");
    assertCountryTarget(customer, column(customer, "CountryId").staticTarget());

    try (Connection connection = stage.getConnection()) {
      PlanStore.save(connection, "before", result.entities());
    }
    catalog(
        "UPDATE odc_catalog.migration_entity_plan SET plan = plan - 'sourceModuleKey'"
            + " WHERE migration_id = 'before'",
        7);
    try (Connection connection = stage.getConnection()) {
      assertThat(PlanStore.all(connection, "before"))
          .allSatisfy(e -> assertThat(e.sourceModuleKey()).isEqualTo(e.ref().appKey()));
      assertThat(IncrementalBase.planDifference(connection, "before", result.entities())).isEmpty();
    }
  }

  @Test
  void everyDifferenceBetweenTheModelsIsReportedByName() throws SQLException {
    catalog(
        "DELETE FROM odc_catalog.attribute a USING odc_catalog.entity e"
            + " WHERE a.app_key = e.app_key AND a.entity_key = e.entity_key AND e.name = 'Customer' AND a.name = 'Phone'");
    catalog(
        "UPDATE odc_catalog.attribute a SET length = 100 FROM odc_catalog.entity e"
            + " WHERE a.app_key = e.app_key AND a.entity_key = e.entity_key AND e.name = 'Product' AND a.name = 'Name'");
    catalog(
        "UPDATE odc_catalog.attribute a SET decimals = 3 FROM odc_catalog.entity e"
            + " WHERE a.app_key = e.app_key AND a.entity_key = e.entity_key AND e.name = 'Customer' AND a.name = 'Discount'");
    catalog(
        "UPDATE odc_catalog.attribute a SET data_type = 'rtEmail' FROM odc_catalog.entity e"
            + " WHERE a.app_key = e.app_key AND a.entity_key = e.entity_key AND e.name = 'Order' AND a.name = 'Reference'");
    catalog(
        "UPDATE odc_catalog.attribute a SET is_mandatory = true FROM odc_catalog.entity e"
            + " WHERE a.app_key = e.app_key AND a.entity_key = e.entity_key AND e.name = 'Warehouse' AND a.name = 'Capacity'");
    o11("UPDATE [ossys_Entity_Attr] SET [Is_Active] = 0 WHERE [Name] = 'Quantity'");

    PlanResult result = SampleMigration.plan(source, stage);

    assertThat(result.accepted()).isFalse();
    assertThat(result.problems())
        .containsExactlyInAnyOrder(
            "attribute Customers.Customer.Phone exists in O11 but not in ODC",
            "attribute Catalog.Product.Name has length/decimals 200/0 in O11 but 100/0 in ODC",
            "attribute Customers.Customer.Discount has length/decimals 5/2 in O11 but 5/3 in ODC",
            "attribute Orders.Order.Reference is rtText in O11 but rtEmail in ODC",
            "attribute Catalog.Warehouse.Capacity is optional in O11 but mandatory in ODC",
            "attribute Orders.OrderLine.Quantity exists in ODC but not in O11");
    // An entity with a difference gets no plan; the others still do.
    assertThat(result.entities())
        .extracting(e -> e.ref().entityName())
        .containsExactly("CustomerNote", "UserProfile");
  }

  @Test
  void missingEntitiesAreReportedOnBothSides() throws SQLException {
    catalog("DELETE FROM odc_catalog.entity WHERE name = 'Warehouse'");
    o11("UPDATE [ossys_Entity] SET [Is_Active] = 0 WHERE [Name] = 'OrderLine'");

    PlanResult result = SampleMigration.plan(source, stage);

    assertThat(result.problems())
        .containsExactlyInAnyOrder(
            "entity Catalog.Warehouse exists in O11 but not in ODC app Catalog",
            "entity Orders.OrderLine exists in ODC but not in O11 module Orders");
  }

  /** O11 allows an entity without identifier; its PrimaryKey_SS_Key is then empty. */
  @Test
  void anEntityWithoutIdentifierIsReportedAndTheOthersArePlanned() throws SQLException {
    try (Connection connection = source.dataSource().getConnection();
        Statement st = connection.createStatement()) {
      st.execute("ALTER TABLE [ossys_Entity] ALTER COLUMN [PrimaryKey_SS_Key] SET NULL");
    }
    o11("UPDATE [ossys_Entity] SET [PrimaryKey_SS_Key] = NULL WHERE [Name] = 'CustomerNote'");

    PlanResult result = SampleMigration.plan(source, stage);

    assertThat(result.problems())
        .singleElement()
        .asString()
        .contains("entity Customers.CustomerNote has no identifier in O11");
    assertThat(result.entities())
        .extracting(e -> e.ref().entityName())
        .doesNotContain("CustomerNote")
        .contains("Customer", "Order");
  }

  @Test
  void anUnpublishedAppIsReported() throws SQLException {
    catalog("UPDATE odc_catalog.app SET status = 'UNPUBLISHED' WHERE name = 'Orders'");

    PlanResult result = SampleMigration.plan(source, stage);

    assertThat(result.accepted()).isFalse();
    assertThat(result.problems())
        .singleElement()
        .asString()
        .contains("app Orders is not published");
  }

  @Test
  void aStageWithoutAppsOfThisEnvironmentIsRefused() throws SQLException {
    catalog("DELETE FROM odc_catalog.app", 3);

    PlanResult result = SampleMigration.plan(source, stage);

    assertThat(result.apps()).isEmpty();
    assertThat(result.problems()).singleElement().asString().contains("convert the apps first");
  }

  private static EntityPlan plan(PlanResult result, String entity) {
    return result.entities().stream()
        .filter(e -> e.ref().entityName().equals(entity))
        .findFirst()
        .orElseThrow();
  }

  private static ColumnPlan column(EntityPlan plan, String attribute) {
    return plan.columns().stream()
        .filter(c -> c.attribute().equals(attribute))
        .findFirst()
        .orElseThrow();
  }

  private void catalog(String sql) throws SQLException {
    catalog(sql, 1);
  }

  private void catalog(String sql, int rows) throws SQLException {
    try (Connection connection = stage.getConnection();
        PreparedStatement ps = connection.prepareStatement(sql)) {
      assertThat(ps.executeUpdate()).as(sql).isEqualTo(rows);
    }
  }

  private Map<String, String> catalogModuleKeys() throws SQLException {
    Map<String, String> keys = new HashMap<>();
    try (Connection connection = stage.getConnection();
        PreparedStatement ps =
            connection.prepareStatement("SELECT app_key, source_module_key FROM odc_catalog.app");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        keys.put(rs.getString(1), rs.getString(2));
      }
    }
    return keys;
  }

  /**
   * Customer.CountryId points to the static Country of the same app: its stage table, and the
   * catalog entity and O11 module by which its records are matched by key.
   */
  private static void assertCountryTarget(EntityPlan customer, ColumnPlan.StaticTarget target) {
    assertThat(target.table()).isEqualTo("\"customers\".\"country\"");
    assertThat(target.idColumn()).isEqualTo("\"id\"");
    assertThat(target.appKey()).isEqualTo(customer.ref().appKey());
    assertThat(target.moduleKey()).isEqualTo(customer.sourceModuleKey());
    assertThat(target.entityKey()).isNotBlank().isNotEqualTo(customer.ref().entityKey());
  }

  private void o11(String sql) throws SQLException {
    try (Connection connection = source.dataSource().getConnection();
        PreparedStatement ps = connection.prepareStatement(sql)) {
      assertThat(ps.executeUpdate()).as(sql).isEqualTo(1);
    }
  }
}
