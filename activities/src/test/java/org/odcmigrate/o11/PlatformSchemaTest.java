package org.odcmigrate.o11;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The columns of the platform database's tables, with their types and text lengths. */
class PlatformSchemaTest {

  @Test
  void everyColumnTypeIsReadIncludingLargeObjects() throws Exception {
    try (Connection h2 =
            DriverManager.getConnection("jdbc:h2:mem:platform-schema;MODE=MSSQLServer");
        Statement st = h2.createStatement()) {
      st.execute(
          "CREATE TABLE [OSUSR_X] ([ID] BIGINT PRIMARY KEY, [CODE] NVARCHAR(20),"
              + " [PHOTO] BLOB, [NOTES] CLOB, [PRICE] DECIMAL(10,2))");
      PlatformSchema schema = PlatformSchema.read(h2);
      assertThat(schema.typeOf("osusr_x", "code"))
          .hasValueSatisfying(t -> assertThat(t.maxLength()).isEqualTo(20));
      assertThat(schema.typeOf("OSUSR_X", "PHOTO"))
          .hasValueSatisfying(t -> assertThat(t.maxLength()).isEqualTo(Integer.MAX_VALUE));
      assertThat(schema.typeOf("OSUSR_X", "NOTES")).isPresent();
      assertThat(schema.typeOf("OSUSR_X", "ID"))
          .hasValueSatisfying(t -> assertThat(t.dataType()).isEqualToIgnoringCase("BIGINT"));
    }
  }
}
