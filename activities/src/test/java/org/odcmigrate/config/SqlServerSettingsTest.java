package org.odcmigrate.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlServerSettingsTest {

  @Test
  void aSqlServerUrlGetsLargePacketsAndAdaptiveBuffering() {
    assertThat(
            SqlServerSettings.missingFrom(
                "jdbc:sqlserver://o11-db:1433;databaseName=outsystems;encrypt=true"))
        .containsOnly(
            org.assertj.core.api.Assertions.entry("packetSize", "32767"),
            org.assertj.core.api.Assertions.entry("responseBuffering", "adaptive"));
  }

  @Test
  void aSettingInTheUrlWins() {
    assertThat(
            SqlServerSettings.missingFrom(
                "jdbc:sqlserver://o11-db;databaseName=outsystems;PacketSize=4096"))
        .containsOnlyKeys("responseBuffering");
  }

  @Test
  void otherDatabasesGetNothing() {
    assertThat(SqlServerSettings.missingFrom("jdbc:postgresql://stage/odc")).isEmpty();
    assertThat(SqlServerSettings.missingFrom("jdbc:h2:tcp://localhost/mem:o11;MODE=MSSQLServer"))
        .isEmpty();
  }
}
