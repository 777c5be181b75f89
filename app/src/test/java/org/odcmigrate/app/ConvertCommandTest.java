package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.config.StageConfig;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.NamingSample;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.odc.StageNames;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code convert}: names that would meet in the stage are refused in one line with exit status 2.
 */
class ConvertCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void namesThatWouldStillMeetAreRefusedInOneLineWithStatus2() throws Exception {
    String hashedName = StageNames.distinct(List.of("Name", "NAME"), "attributes").get("Name");
    try (SampleSource source = NamingSample.create(List.of("Name", "NAME", hashedName))) {
      int status = convert(source, List.of());

      assertThat(status).isEqualTo(2);
      assertThat(text(err))
          .isEqualTo(
              "convert refused: the attributes of Naming.Customer 'Name' and '"
                  + hashedName
                  + "' both map to stage name "
                  + hashedName
                  + "; rename one of them in O11\n");
      assertThat(text(out)).isEmpty();
    }
  }

  @Test
  void namesTheRuleKeepsApartConvert() throws Exception {
    try (SampleSource source = NamingSample.create(List.of("Name", "NAME", "Select"))) {
      assertThat(convert(source, List.of(NamingSample.MODULE))).isZero();
      assertThat(text(out)).isEqualTo("Converted into stage test: Naming\n");
      assertThat(text(err)).isEmpty();
    }
  }

  private int convert(SampleSource source, List<String> modules) throws Exception {
    PGSimpleDataSource stage = EmbeddedStage.newDatabase();
    return ConvertCommand.convert(
        new EnvironmentConfig(source.url(), "", "", "UTC", 0, null, false),
        new StageConfig(stage.getUrl(), "postgres", null, 0, null, false),
        "test",
        modules,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String text(ByteArrayOutputStream stream) {
    return stream.toString(StandardCharsets.UTF_8);
  }
}
