package org.odcmigrate.copy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.odcmigrate.migration.EntityRef;
import org.odcmigrate.plan.ColumnPlan;
import org.odcmigrate.plan.EntityPlan;
import org.odcmigrate.plan.ValueKind;
import org.odcmigrate.users.UserMap;

/** Rows the encoder cannot write under a key of their own. */
class RowEncoderTest {

  /**
   * O11's user extension: an entity whose identifier is a User. A user with no ODC user leaves the
   * row without a key, which the copy refuses naming the user and what to do, not as a NULL key.
   */
  @Test
  void aUserIdentifierWithoutOdcUserIsRefusedNamingTheUser() throws Exception {
    ColumnPlan user = new ColumnPlan("Id", "ID", "id", ValueKind.USER_REFERENCE, true, true, null);
    ColumnPlan theme =
        new ColumnPlan("Theme", "THEME", "theme", ValueKind.TEXT, false, false, null);
    EntityPlan plan =
        new EntityPlan(
            new EntityRef("app", "Portal", "entity", "UserPreference"),
            "OSUSR_P1_USERPREFERENCE",
            "portal",
            "user_preference",
            List.of(user, theme),
            false,
            null);
    RowEncoder encoder =
        new RowEncoder(plan, ZoneOffset.UTC, UserMap.none(), StaticRecords.load(null, null, plan));
    try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:");
        Statement st = h2.createStatement();
        ResultSet rs = st.executeQuery("SELECT 42 AS ID, 'dark' AS THEME")) {
      rs.next();
      PgBinaryOutput out = new PgBinaryOutput(new ByteArrayOutputStream());
      assertThatThrownBy(() -> encoder.encode(rs, out, encoder.key(rs)))
          .isInstanceOf(DataRejectedException.class)
          .hasMessageContaining("OSUSR_P1_USERPREFERENCE.ID at ID = 42")
          .hasMessageContaining("O11 user 42, who has no ODC user")
          .hasMessageContaining("delete the row in O11");
    }
  }
}
