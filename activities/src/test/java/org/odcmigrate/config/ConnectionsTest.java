package org.odcmigrate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.postgresql.ds.PGSimpleDataSource;

/** {@link Connections}: the stage's commits are durable whatever the stage's synchronous_commit. */
class ConnectionsTest {

  @Test
  void aStageTunedWithSynchronousCommitOffCommitsDurablyForTheProduct() throws SQLException {
    assertThat(productSetting("off")).isEqualTo("on");
  }

  @Test
  void aStricterSettingOfTheStageIsKept() throws SQLException {
    assertThat(productSetting("remote_apply")).isEqualTo("remote_apply");
    assertThat(productSetting("local")).isEqualTo("local");
  }

  /** The setting a product connection commits with, on a stage database whose default is {@code serverDefault}. */
  private static String productSetting(String serverDefault) throws SQLException {
    PGSimpleDataSource database = EmbeddedStage.newDatabase();
    try (Connection admin = database.getConnection(); Statement st = admin.createStatement()) {
      st.execute("ALTER DATABASE " + database.getDatabaseName() + " SET synchronous_commit = " + serverDefault);
    }
    try (Connections connections = new Connections(Map.of(),
        Map.of("Development", new StageConfig(database.getUrl(), "postgres", null, 1, null, false)));
        Connection stage = connections.stage("Development").getConnection();
        Statement st = stage.createStatement();
        ResultSet rs = st.executeQuery("SHOW synchronous_commit")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
