package org.odcmigrate.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.migration.FailureTypes;
import org.odcmigrate.odc.ForeignKeys;
import org.odcmigrate.odc.StageCatalog;

/**
 * A foreign key the copied data breaks fails its restore at once, naming the key and the orphans.
 *
 * <p>A behaviour test spanning ForeignKeys and ActivityRunner's failure translation; named for that
 * behaviour.
 */
class ForeignKeyRestoreFailureTest {

  @Test
  void aViolatedForeignKeyFailsNonRetryableNamingTheConstraintAndUpToTenKeys() throws Exception {
    try (Connection stage = EmbeddedStage.newDatabase().getConnection();
        Statement st = stage.createStatement()) {
      StageCatalog.install(stage);
      st.execute("CREATE SCHEMA shop");
      st.execute("CREATE TABLE shop.customer (id bigint PRIMARY KEY)");
      st.execute(
          "CREATE TABLE shop.purchase (id bigint PRIMARY KEY, customer_id bigint,"
              + " CONSTRAINT purchase_customer_fk FOREIGN KEY (customer_id) REFERENCES shop.customer (id))");
      st.execute("INSERT INTO shop.customer SELECT g FROM generate_series(1, 5) g");
      ForeignKeys.drop(stage, "shop", "migration-1");
      // Rows 1..5 have their customer; 12 rows point at customers 101..112 that are not there.
      st.execute(
          "INSERT INTO shop.purchase SELECT g, CASE WHEN g <= 5 THEN g ELSE 95 + g END FROM generate_series(1, 17) g");

      Exception restore = null;
      try {
        ForeignKeys.restore(stage, "shop");
      } catch (SQLException e) {
        restore = e;
      }
      assertThat((Object) restore).as("the restore must fail").isNotNull();
      ApplicationFailure failure = (ApplicationFailure) ActivityRunner.translate(restore);

      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getType()).isEqualTo(FailureTypes.INTEGRITY_VIOLATED);
      assertThat(failure.getOriginalMessage())
          .contains("foreign key purchase_customer_fk on shop.purchase cannot be restored")
          .contains("customer_id 101, 102, 103, 104, 105, 106, 107, 108, 109, 110 (the first 10)")
          .contains("have no row in shop.customer(id)")
          .doesNotContain("111");
      // The key stays recorded, so a restore after the data is fixed puts it back.
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM odc_catalog.dropped_foreign_key")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
      st.execute("DELETE FROM shop.purchase WHERE customer_id > 100");
      ForeignKeys.restore(stage, "shop");
      assertThatThrownBy(() -> st.execute("INSERT INTO shop.purchase VALUES (99, 404)"))
          .hasMessageContaining("purchase_customer_fk");
    }
  }
}
