package org.odcmigrate.o11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.copy.EntityCopier;
import org.odcmigrate.fixtures.AddedModule;
import org.odcmigrate.fixtures.CopiedRows;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.migration.CopyTask;
import org.odcmigrate.migration.EntityResult;
import org.odcmigrate.migration.KeyRange;
import org.odcmigrate.plan.EntityPlan;

/**
 * Attributes that reference an entity no active module holds (an extension's entity, or one of a
 * deleted module): converted, planned and copied as the values their columns store.
 */
class ReferencesOutsideTheModelTest {

  private SampleSource source;

  @AfterEach
  void close() {
    source.close();
  }

  @Test
  void aReferenceToAnExtensionsEntityIsCopiedAsItsStoredValue() throws Exception {
    source = billing("INT", "BIGINT");
    O11Entity invoice = invoice();
    assertThat(attribute(invoice, "PartnerId").type()).isEqualTo(O11Type.INTEGER);
    assertThat(attribute(invoice, "PartnerId").isReference()).isFalse();
    assertThat(attribute(invoice, "ContractId").type()).isEqualTo(O11Type.LONG_INTEGER);
    try (Connection o11 = source.dataSource().getConnection()) {
      assertThat(O11Metadata.read(o11).derived())
          .anySatisfy(
              note ->
                  assertThat(note)
                      .contains("Billing.Invoice.PartnerId", "extension's", "no foreign key"));
    }

    SampleMigration migration =
        SampleMigration.create(source, EmbeddedStage.newDatabase(), "outside-1");
    assertThat(migration.plan().problems()).isEmpty();
    EntityPlan plan = migration.entityPlan("Billing", "Invoice");
    EntityCopier copier = new EntityCopier(source.dataSource(), migration.stage(), ZoneOffset.UTC);
    CopyTask task = migration.task("Billing", "Invoice", 1_000, 1_000_000);
    for (KeyRange range : copier.prepare(task)) {
      copier.copyRange(task, range, p -> {});
    }
    EntityResult result = copier.verify(task);
    assertThat(result.status()).isEqualTo(EntityResult.Status.COMPLETED);
    assertThat(result.rowsWritten()).isEqualTo(3);
    assertThat(CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC))
        .as("every row equal to the source, no value set to NULL")
        .isZero();
  }

  @Test
  void aColumnOfAnotherTypeIsRefusedNamingTheAttribute() throws Exception {
    source = billing("DECIMAL(10,2)", "BIGINT");
    assertThatThrownBy(this::invoice)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Billing.Invoice, attribute PartnerId")
        .hasMessageContaining("make the attribute a basic type in O11");
  }

  private O11Entity invoice() throws SQLException {
    try (Connection o11 = source.dataSource().getConnection()) {
      return O11Metadata.read(o11).moduleNamed("Billing").orElseThrow().entities().stream()
          .filter(e -> e.name().equals("Invoice"))
          .findFirst()
          .orElseThrow();
    }
  }

  private static O11Attribute attribute(O11Entity entity, String name) {
    return entity.attributes().stream()
        .filter(a -> a.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /**
   * Module Billing: Invoice references Partner of an extension (not an espace) and Contract of a
   * module since deleted.
   */
  private static SampleSource billing(String partnerType, String contractType) throws SQLException {
    SampleSource source = SampleSource.small();
    try (Connection o11 = source.dataSource().getConnection();
        Statement st = o11.createStatement()) {
      AddedModule billing = AddedModule.add(o11, "Billing");
      String idKey = UUID.randomUUID().toString();
      int invoice =
          billing.entity("Invoice", "OSUSR_BL1_INVOICE", UUID.randomUUID().toString(), idKey);
      billing.attribute(invoice, idKey, "Id", "ID", "rtLongInteger", null, 0);
      String extension = "bt" + UUID.randomUUID() + "*" + UUID.randomUUID();
      billing.attribute(invoice, null, "PartnerId", "PARTNERID", extension, "Protect", 1);
      AddedModule deleted = AddedModule.add(o11, "OldContracts");
      String contractKey = UUID.randomUUID().toString();
      deleted.entity("Contract", "OSUSR_OC1_CONTRACT", contractKey, UUID.randomUUID().toString());
      st.execute("UPDATE [ossys_Espace] SET [Is_Active] = 0 WHERE [Name] = 'OldContracts'");
      billing.attribute(
          invoice, null, "ContractId", "CONTRACTID", deleted.referenceTo(contractKey), "Ignore", 2);
      st.execute(
          "CREATE TABLE [OSUSR_BL1_INVOICE] ([ID] BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,"
              + " [PARTNERID] "
              + partnerType
              + " NULL, [CONTRACTID] "
              + contractType
              + " NULL)");
      st.execute(
          "INSERT INTO [OSUSR_BL1_INVOICE] ([PARTNERID], [CONTRACTID]) VALUES (7, 70), (8, NULL),"
              + " (NULL, 9000000000)");
    }
    return source;
  }
}
