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
