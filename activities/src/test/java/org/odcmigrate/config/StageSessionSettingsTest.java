package org.odcmigrate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A stage whose database defaults to short timeouts and read-only transactions, as managed servers
 * are often set up: the product's sessions still run long statements and long transactions.
 */
class StageSessionSettingsTest {

  @Test
  void longStatementsAndTransactionsOutliveTheDatabasesTimeouts() throws Exception {
    PGSimpleDataSource database = EmbeddedStage.newDatabase();
    try (Connection admin = database.getConnection();
        Statement st = admin.createStatement()) {
      String name = database.getDatabaseName();
      st.execute("ALTER DATABASE " + name + " SET statement_timeout = '100ms'");
      st.execute("ALTER DATABASE " + name + " SET idle_in_transaction_session_timeout = '100ms'");
      st.execute("ALTER DATABASE " + name + " SET default_transaction_read_only = on");
      st.execute("ALTER DATABASE " + name + " SET default_transaction_isolation = 'serializable'");
    }
    StageConfig stage = new StageConfig(database.getUrl(), "postgres", null, 2, null, false);
    try (Connections connections = new Connections(Map.of(), Map.of("Development", stage));
        Connection session = connections.stage("Development").getConnection();
        Statement st = session.createStatement()) {
      st.execute("SELECT pg_sleep(0.3)");
      session.setAutoCommit(false);
      st.execute("CREATE TABLE batch (id int)");
      Thread.sleep(300);
      st.execute("INSERT INTO batch VALUES (1)");
      session.commit();
      try (ResultSet rs =
          st.executeQuery("SELECT count(*), current_setting('transaction_isolation') FROM batch")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
        assertThat(rs.getString(2)).isEqualTo("read committed");
      }
      session.commit();
    }
  }

  /**
   * A table an app holds makes the product's DDL fail after a bounded wait (55P03, retried), in its
   * own transaction only, whatever the database's default.
   */
  @Test
  void tableChangesWaitForTheirLockBoundedlyInTheirTransactionOnly() throws Exception {
    PGSimpleDataSource database = EmbeddedStage.newDatabase();
    try (Connection session = database.getConnection();
        Statement st = session.createStatement()) {
      st.execute("SET lock_timeout = 0");
      session.setAutoCommit(false);
      StageSessionSettings.limitLockWait(session);
      assertThat(lockTimeout(st)).isEqualTo(StageSessionSettings.LOCK_WAIT);
      session.commit();
      assertThat(lockTimeout(st)).as("after the transaction").isEqualTo("0");
    }
  }

  private static String lockTimeout(Statement st) throws Exception {
    try (ResultSet rs = st.executeQuery("SHOW lock_timeout")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void onlyPostgresSessionsGetThem() {
    assertThat(StageSessionSettings.initSql("jdbc:postgresql://stage/odc")).isPresent();
    assertThat(StageSessionSettings.initSql("jdbc:sqlserver://o11-db;databaseName=outsystems"))
        .isEmpty();
  }
}
