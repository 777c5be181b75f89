package org.odcmigrate.o11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.fixtures.AddedModule;
import org.odcmigrate.fixtures.SampleSource;

/**
 * An attribute type no O11 document lists: ignored in the platform's own entities, which are only
 * referenced, and named when an application entity holds it.
 */
class UnlistedAttributeTypeTest {

  private SampleSource source;

  @BeforeEach
  void sample() throws SQLException {
    source = SampleSource.small();
  }

  @AfterEach
  void close() {
    source.close();
  }

  @Test
  void aSystemEntityKeepsItsOtherAttributes() throws Exception {
    try (Connection o11 = source.dataSource().getConnection();
        Statement st = o11.createStatement()) {
      int before = userEntity(o11).attributes().size();
      st.execute(
          "INSERT INTO [ossys_Entity_Attr] ([Entity_Id], [Name], [SS_Key], [Database_Name], [Type],"
              + " [Length], [Decimals], [Is_Mandatory], [Is_AutoNumber], [Delete_Rule], [Is_Active],"
              + " [Position]) SELECT [Id], 'Owner', '"
              + UUID.randomUUID()
              + "', 'NAME', 'rtEntityReference', 0, 0, 0, 0, NULL, 1, 99 FROM [ossys_Entity]"
              + " WHERE [Physical_Table_Name] = 'ossys_User'");
      assertThat(userEntity(o11).attributes()).hasSize(before);
    }
  }

  @Test
  void anApplicationEntityNamesTheAttributeAndItsType() throws Exception {
    try (Connection o11 = source.dataSource().getConnection();
        Statement st = o11.createStatement()) {
      AddedModule module = AddedModule.add(o11, "Odd");
      String idKey = UUID.randomUUID().toString();
      int thing = module.entity("Thing", "OSUSR_OD1_THING", UUID.randomUUID().toString(), idKey);
      module.attribute(thing, idKey, "Id", "ID", "rtLongInteger", null, 0);
      module.attribute(thing, null, "Shape", "SHAPE", "rtEntityReference", null, 1);
      st.execute("CREATE TABLE [OSUSR_OD1_THING] ([ID] BIGINT PRIMARY KEY, [SHAPE] INT NULL)");
      assertThatThrownBy(() -> O11Metadata.read(o11))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("entity Odd.Thing, attribute Shape")
          .hasMessageContaining("'rtEntityReference'")
          .hasMessageContaining("change the attribute's type in O11");
    }
  }

  private static O11Entity userEntity(Connection o11) throws SQLException {
    O11Model model = O11Metadata.read(o11);
    return model.target(model.userEntity()).orElseThrow();
  }
}
