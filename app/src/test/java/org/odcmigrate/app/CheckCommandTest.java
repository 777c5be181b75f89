package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcmigrate.fixtures.ConfirmedSource;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.OrphanLines;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.sample.SampleEnvironment;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code check} and the other commands as the jar runs them, in a process of their own: exit 0 when
 * a migration can start, 1 when it cannot, 2 with one line and no stack trace on bad input.
 */
class CheckCommandTest {

  @TempDir static Path dir;
  private static String sourceUrl;
  private static PGSimpleDataSource stage;

  @BeforeAll
  static void prepare() throws Exception {
    sourceUrl =
        "jdbc:h2:file:"
            + dir.resolve("o11").toAbsolutePath()
            + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;AUTO_SERVER=TRUE";
    SampleSource source = ConfirmedSource.create(sourceUrl);
    stage = EmbeddedStage.newDatabase();
    SampleMigration.convert(source, stage);
  }

  private static JarRun run(String migrationSettings, String... args) throws Exception {
    return runWith(sourceUrl, stage.getUrl(), migrationSettings, args);
  }

  private static JarRun runOn(String url, String... args) throws Exception {
    return runWith(url, stage.getUrl(), "nullValues: default", args);
  }

  private static JarRun runWith(
      String url, String stageUrl, String migrationSettings, String... args) throws Exception {
    Path config = Files.createTempFile(dir, "config", ".yml");
    Files.writeString(
        config,
        """
        environments:
          Confirmed:
            url: "%s"
            user: ""
            password: ""
            timeZone: UTC
        stages:
          Development:
            url: "%s"
            user: postgres
            password: ""
        migration:
        %s
        """
            .formatted(url, stageUrl, migrationSettings.indent(2).stripTrailing()));
    List<String> command = new ArrayList<>(List.of(args[0], config.toString()));
    command.addAll(List.of(args).subList(1, args.length));
    return JarRun.of(dir, command);
  }

  @Test
  void checkExitsZeroWhenAMigrationCanStart() throws Exception {
    JarRun run = run("nulCharacters: replace", "check", "--environment", "Confirmed");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "Check of environment Confirmed against stage Development: a migration can start",
            "entity tables in other database catalogs: APPDATA",
            "multi-tenancy: ossys_Entity has no Is_Multitenant column",
            "Inventory -> app Inventory (schema inventory)",
            "Inventory.Item (APPDATA.OSUSR_in1_Item): 4 rows",
            "Inventory.Item.Name: 2 NULL value(s) -> the type's default value ('')",
            "Inventory.Note.Body: 2 value(s) holding U+0000 -> U+FFFD for each U+0000",
            "Inventory.Item.Unit: 1 reference(s) to deleted static records -> NULL",
            "rows/s (migration.estimateRowsPerSecond)");
  }

  @Test
  void checkExitsOneWhenAMigrationCannotStart() throws Exception {
    JarRun run =
        run(
            "estimateRowsPerSecond: 2",
            "check",
            "--environment",
            "Confirmed",
            "--stage",
            "Development");
    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "a migration cannot start",
            "Inventory.Note.Body: 2 value(s) hold U+0000, which PostgreSQL text cannot store",
            "Total: 7 rows",
            "estimated duration 4s at 2 rows/s");
  }

  @Test
  void checkExitsOneOnReferencesToRowsThatDoNotExist() throws Exception {
    String url =
        sourceUrl.replace(
            dir.resolve("o11").toAbsolutePath().toString(),
            dir.resolve("sample").toAbsolutePath().toString());
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(url);
    SampleSource sample = SampleSource.on(dataSource, url, SampleEnvironment.SampleSize.small());
    PGSimpleDataSource sampleStage = EmbeddedStage.newDatabase();
    SampleMigration.convert(sample, sampleStage);
    long orphans = OrphanLines.deleteAnOrder(sample);

    JarRun run =
        runWith(
            url,
            sampleStage.getUrl(),
            "nullValues: default",
            "check",
            "--environment",
            "Confirmed");
    assertThat(run.exit()).as(run.err()).isEqualTo(CheckCommand.CANNOT_START);
    assertThat(run.out())
        .contains(
            "a migration cannot start",
            "Orders.OrderLine.OrderId: " + orphans + OrphanLines.BLOCKER_AFTER_COUNT);
  }

  @Test
  void badInputIsOneLineAndExitTwo() throws Exception {
    assertOneLine(
        run("nullValues: default", "check", "--environment", "Nowhere"),
        "odc-migrate: unknown environment 'Nowhere': configured environments are [Confirmed]");
    assertOneLine(
        run("nullValues: default", "check", "--environment", "Confirmed", "--stage", "Production"),
        "odc-migrate: unknown stage 'Production': configured stages are [Development]");
    assertOneLine(
        run("nullValues: sometimes", "check", "--environment", "Confirmed"), "odc-migrate: ");
    assertOneLine(
        runOn(
            "jdbc:h2:file:" + dir.resolve("missing") + ";IFEXISTS=TRUE",
            "check",
            "--environment",
            "Confirmed"),
        "odc-migrate: environment Confirmed cannot be read: ");
    assertOneLine(
        run("nullValues: default", "convert", "--environment", "Nowhere", "--stage", "Development"),
        "odc-migrate: unknown environment 'Nowhere'");
    assertOneLine(
        run("nullValues: default", "check", "--stage", "Development"),
        "odc-migrate: missing argument --environment; see 'odc-migrate check --help'");
  }

  private static void assertOneLine(JarRun run, String start) {
    assertThat(run.exit()).as(run.err()).isEqualTo(UserErrors.BAD_INPUT);
    assertThat(run.err()).startsWith(start).doesNotContain("\tat ", "Exception in thread");
    assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
  }
}
