package org.odcmigrate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The seed command's URL handling; the seeding itself runs in the SQL Server suite. */
class SeedSqlServerTest {

  private static final String URL =
      "jdbc:sqlserver://sqlserver:1433;databaseName=outsystems;encrypt=true;trustServerCertificate=true";

  @Test
  void readsTheDatabaseOfTheUrl() {
    assertThat(SeedSqlServer.databaseName(URL)).isEqualTo("outsystems");
    assertThat(SeedSqlServer.databaseName("jdbc:sqlserver://db;encrypt=false;Database=o11"))
        .isEqualTo("o11");
    assertThat(SeedSqlServer.databaseName("jdbc:sqlserver://db:1433;encrypt=false")).isNull();
    assertThat(SeedSqlServer.databaseName("jdbc:sqlserver://db:1433")).isNull();
  }

  @Test
  void pointsTheSameUrlAtAnotherDatabase() {
    assertThat(SeedSqlServer.withDatabase(URL, "master"))
        .isEqualTo(
            "jdbc:sqlserver://sqlserver:1433;encrypt=true;trustServerCertificate=true;databaseName=master");
    assertThat(SeedSqlServer.withDatabase("jdbc:sqlserver://db:1433;encrypt=false", "o11_1"))
        .isEqualTo("jdbc:sqlserver://db:1433;encrypt=false;databaseName=o11_1");
    assertThat(SeedSqlServer.withDatabase("jdbc:sqlserver://db;DATABASE=a;", "b"))
        .isEqualTo("jdbc:sqlserver://db;databaseName=b");
  }

  @Test
  void aUrlWithoutDatabaseIsRefusedBeforeConnecting() {
    assertThatThrownBy(
            () -> SeedSqlServer.createDatabase("jdbc:sqlserver://db:1433;encrypt=false", "sa", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("databaseName");
  }
}
