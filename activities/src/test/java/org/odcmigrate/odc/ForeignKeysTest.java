package org.odcmigrate.odc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.failure.SqlFailures;

/** {@link ForeignKeys}: dropped for the load, restored after it, and a key the data breaks named with its rows. */
class ForeignKeysTest {

  @Test
  void aKeyTheDataBreaksIsNamedWithUpToTenOffendingValuesAndStaysRecorded() throws SQLException {
    try (Connection stage = EmbeddedStage.newDatabase().getConnection(); Statement st = stage.createStatement()) {
      StageCatalog.install(stage);
      st.execute("CREATE SCHEMA sales");
      st.execute("CREATE TABLE sales.customer (id bigint PRIMARY KEY)");
      st.execute("CREATE TABLE sales.orders (id bigint PRIMARY KEY, customer_id bigint"
          + " CONSTRAINT orders_customer_fk REFERENCES sales.customer (id))");
      st.execute("INSERT INTO sales.customer VALUES (1)");
      ForeignKeys.drop(stage, "sales", "m1");
      // Twelve orders of customers the load never brought, and one of a customer that exists.
      st.execute("INSERT INTO sales.orders SELECT g, 100 + g FROM generate_series(1, 12) g");
      st.execute("INSERT INTO sales.orders VALUES (13, 1)");

      assertThatThrownBy(() -> ForeignKeys.restore(stage, "sales")).isInstanceOfSatisfying(SQLException.class, e -> {
        assertThat(e.getSQLState()).isEqualTo("23503");
        assertThat(SqlFailures.classify(e)).isEqualTo(SqlFailures.Kind.INTEGRITY);
        assertThat(e.getMessage()).startsWith("foreign key orders_customer_fk on sales.orders cannot be restored:"
            + " customer_id values (first 10) with no row in sales.customer: ");
        String values = e.getMessage().replaceAll(".*sales\\.customer: ", "").replaceAll("(?s); remove.*", "");
        assertThat(values.split("; ")).hasSize(10).allSatisfy(v -> assertThat(Long.parseLong(v)).isBetween(101L, 112L));
        assertThat(e.getMessage()).contains("remove or correct these rows in O11 and migrate again");
      });
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM odc_catalog.dropped_foreign_key")) {
        rs.next();
        assertThat(rs.getInt(1)).as("the key stays recorded for the next restore").isEqualTo(1);
      }

      st.execute("DELETE FROM sales.orders WHERE customer_id > 1");
      ForeignKeys.restore(stage, "sales");
      assertThatThrownBy(() -> st.execute("INSERT INTO sales.orders VALUES (20, 999)"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
    }
  }
}
