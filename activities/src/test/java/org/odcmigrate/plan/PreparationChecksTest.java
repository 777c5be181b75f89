package org.odcmigrate.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.o11.O11Metadata;
import org.odcmigrate.o11.O11Model;
import org.odcmigrate.odc.PublishedCheck;
import org.odcmigrate.odc.StageCatalog;

/**
 * The blockers and the published check of preparation, each with the report a user acts on.
 *
 * <p>A behaviour test spanning Blockers and PublishedCheck, the checks of preparation; named for
 * them.
 */
class PreparationChecksTest {

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

  /** Two customers get a photo over 20 MB. */
  private void oversizePhotos() throws SQLException {
    try (Connection connection = source.dataSource().getConnection();
        PreparedStatement ps =
            connection.prepareStatement(
                "UPDATE ["
                    + source.table("Customers", "Customer")
                    + "] SET [PHOTO] = ? WHERE [ID] IN (1, 2)")) {
      ps.setBytes(1, new byte[20 * 1024 * 1024 + 1]);
      assertThat(ps.executeUpdate()).isEqualTo(2);
    }
  }

  /** Three customer notes move to tenant 2. */
  private void moveNotesToAnotherTenant() throws SQLException {
    o11(
        "UPDATE ["
            + source.table("Customers", "CustomerNote")
            + "] SET [TENANT_ID] = 2 WHERE [ID] <= 3");
  }

  /** Module Orders takes its users from another provider. */
  private void useAnotherUserProvider() throws SQLException {
    o11("UPDATE [ossys_Espace] SET [User_Provider_Espace_Id] = 1 WHERE [Name] = 'Orders'");
  }

  private void o11(String update) throws SQLException {
    try (Connection connection = source.dataSource().getConnection();
        Statement st = connection.createStatement()) {
      st.executeUpdate(update);
    }
  }

  /** The blockers as planning finds them, several entities at once; the same one by one. */
  private List<String> blockers() throws Exception {
    PlanResult plan = SampleMigration.plan(source, stage);
    try (Connection connection = source.dataSource().getConnection()) {
      O11Model model = O11Metadata.read(connection);
      List<String> together = Blockers.find(source.dataSource(), model, plan.entities(), 4);
      assertThat(Blockers.find(connection, model, plan.entities()))
          .as("one entity after the other")
          .isEqualTo(together);
      return together;
    }
  }

  @Test
  void theSampleHasNoBlockers() throws Exception {
    assertThat(blockers()).isEmpty();
  }

  @Test
  void aBinaryOverTwentyMegabytesBlocksNamingEntityAttributeAndCount() throws Exception {
    oversizePhotos();
    assertThat(blockers())
        .singleElement()
        .asString()
        .contains("Customers.Customer.Photo")
        .contains("2 value(s) over 20 MB");
  }

  @Test
  void rowsOfAnotherTenantBlock() throws Exception {
    moveNotesToAnotherTenant();
    assertThat(blockers())
        .singleElement()
        .asString()
        .contains("Customers.CustomerNote")
        .contains("3 row(s) belong to tenants other than the default");
  }

  @Test
  void blockersOfSeveralEntitiesComeInPlanOrder() throws Exception {
    oversizePhotos();
    moveNotesToAnotherTenant();
    useAnotherUserProvider();
    assertThat(blockers())
        .satisfiesExactly(
            module -> assertThat(module).contains("module Orders"),
            photo -> assertThat(photo).contains("Customers.Customer.Photo", "2 value(s)"),
            tenant -> assertThat(tenant).contains("Customers.CustomerNote", "3 row(s)"));
  }

  /**
   * Attributes narrowed in O11 after their data was written: Name (Length 100) and Discount
   * (Decimal 5,2) keep wider columns holding values the stage's columns cannot take as they are.
   * Values that still fit block nothing, nor do wide columns that hold none.
   */
  @Test
  void valuesWiderThanTheirAttributeBlockNamingWhatTheStageWouldDo() throws Exception {
    String customers = "[" + source.table("Customers", "Customer") + "]";
    o11("ALTER TABLE " + customers + " ALTER COLUMN [NAME] NVARCHAR(300)");
    o11("ALTER TABLE " + customers + " ALTER COLUMN [DISCOUNT] DECIMAL(12,4)");
    o11("UPDATE " + customers + " SET [DISCOUNT] = 12.5 WHERE [ID] = 1");
    assertThat(blockers()).as("wider columns holding values that fit").isEmpty();

    o11("UPDATE " + customers + " SET [NAME] = '" + "n".repeat(101) + "' WHERE [ID] = 1");
    // Trailing spaces beyond the length: PostgreSQL would cut them without an error.
    o11("UPDATE " + customers + " SET [NAME] = '" + "n".repeat(100) + "   ' WHERE [ID] = 2");
    o11("UPDATE " + customers + " SET [DISCOUNT] = 1.2345 WHERE [ID] = 3");
    o11("UPDATE " + customers + " SET [DISCOUNT] = -1000.5 WHERE [ID] = 4");
    assertThat(blockers())
        .containsExactly(
            "Customers.Customer.Name: 2 value(s) longer than the attribute's Length of 100"
                + " characters (its O11 column holds 300), which the stage's varchar(100) refuses"
                + " or cuts: shorten them in O11 or lengthen the attribute",
            "Customers.Customer.Discount: 1 value(s) with more than 2 decimal place(s), which the"
                + " stage's numeric(5,2) would round: round them in O11 or raise the attribute's"
                + " Decimals",
            "Customers.Customer.Discount: 1 value(s) of more than 3 integer digit(s), which the"
                + " stage's numeric(5,2) refuses: change them in O11 or raise the attribute's"
                + " Length");
  }

  @Test
  void aModuleOfAnotherUserProviderBlocks() throws Exception {
    useAnotherUserProvider();
    assertThat(blockers())
        .singleElement()
        .asString()
        .contains("module Orders")
        .contains("another user provider");
  }

  @Test
  void anUndeployedAppOrAMissingColumnIsNotPublished() throws SQLException {
    try (Connection connection = stage.getConnection();
        Statement st = connection.createStatement()) {
      st.executeUpdate("UPDATE odc_catalog.app SET deployed = false WHERE name = 'Catalog'");
      st.execute("ALTER TABLE orders.order_line DROP COLUMN quantity");
      st.execute("DROP TABLE catalog.warehouse");
      assertThat(PublishedCheck.problems(connection, StageCatalog.apps(connection), "m-1"))
          .containsExactlyInAnyOrder(
              "app Catalog is not deployed in the stage: deploy it, then start again",
              "app Catalog is not published completely: table catalog.warehouse of entity Warehouse does not exist;"
                  + " publish the app again",
              "app Orders is not published completely: column orders.order_line.quantity of attribute OrderLine.Quantity"
                  + " does not exist; publish the app again");
    }
  }
}
