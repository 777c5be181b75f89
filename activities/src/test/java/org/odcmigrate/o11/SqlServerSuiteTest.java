package org.odcmigrate.o11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.sqlserver.jdbc.SQLServerDataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.temporal.testing.TestActivityEnvironment;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.ControlConfig;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.control.ControlActivitiesImpl;
import org.odcmigrate.copy.EntityCopier;
import org.odcmigrate.fixtures.ConfirmedSource;
import org.odcmigrate.fixtures.CopiedRows;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.migration.ControlActivities;
import org.odcmigrate.migration.CopyProgress;
import org.odcmigrate.migration.CopyTask;
import org.odcmigrate.migration.EntityResult;
import org.odcmigrate.migration.KeyRange;
import org.odcmigrate.migration.RangeResult;
import org.odcmigrate.plan.Blockers;
import org.odcmigrate.plan.ColumnPlan;
import org.odcmigrate.plan.EntityPlan;
import org.odcmigrate.plan.PlanResult;
import org.odcmigrate.plan.SnapshotIsolationCheck;
import org.odcmigrate.sample.SampleEnvironment.SampleSize;
import org.odcmigrate.sample.SeedSqlServer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MSSQLServerContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The O11 side on a real SQL Server 2022, for what H2's SQL Server mode cannot prove: the sample
 * created through the SQL Server dialect, metadata, exact values, streamed binaries, keyset reads
 * in the source's collation, SNAPSHOT reads, DATALENGTH-based blockers, the login control and the
 * least-privilege grants of docs/operations.md. Skipped, never failed, where no Docker engine runs.
 *
 * <p>A behaviour test spanning the o11, plan, copy, users and control packages on one database;
 * named for the suite it is.
 */
@ExtendWith(SqlServerSuiteTest.DockerRequired.class)
@Testcontainers(disabledWithoutDocker = true)
class SqlServerSuiteTest {

  private static final DockerImageName IMAGE =
      DockerImageName.parse("mcr.microsoft.com/mssql/server:2022-latest");
  private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
  private static final String MIGRATION = "migration-1";
  private static final int BATCH = 1_000;
  private static final long NO_SPLIT = 1_000_000;
  private static final Consumer<CopyProgress> IGNORE = p -> {};
  private static final String RUNTIME_PASSWORD = "Runtime-Passw0rd!";
  private static final String READER_PASSWORD = "Reader-Passw0rd!";
  private static final String CONTROL_PASSWORD = "Control-Passw0rd!";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  @Container
  private static final MSSQLServerContainer<?> SQL_SERVER =
      new MSSQLServerContainer<>(IMAGE).acceptLicense();

  /** Says why the suite is skipped, in the words of whoever reads the test report. */
  static final class DockerRequired implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return DockerClientFactory.instance().isDockerAvailable()
          ? ConditionEvaluationResult.enabled("a Docker engine runs the SQL Server 2022 container")
          : ConditionEvaluationResult.disabled(
              "SQL Server suite skipped: no Docker engine to run "
                  + IMAGE
                  + " (H2 in SQL Server mode covers the same SQL elsewhere)");
    }
  }

  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    Collections.reverse(closing);
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  // ---------------------------------------------------------------- seeding and metadata

  @Test
  void seedingCreatesTheSampleOnceWithSnapshotReadsAndRuntimeLogins() throws Exception {
    String url = newDatabaseUrl();
    List<String> first =
        SeedSqlServer.seed(url, admin(), adminPassword(), 50, false, RUNTIME_PASSWORD);
    assertThat(first.get(0))
        .startsWith("Created the sample O11 environment")
        .contains("[Customers, Orders, Catalog]");
    List<String> again =
        SeedSqlServer.seed(url, admin(), adminPassword(), 50, false, RUNTIME_PASSWORD);
    assertThat(again.get(0)).contains("already holds the sample O11 environment");

    try (Connection connection = DriverManager.getConnection(url, admin(), adminPassword())) {
      assertThat(
              single(
                  connection,
                  "SELECT snapshot_isolation_state FROM sys.databases WHERE name = DB_NAME()"))
          .isEqualTo("1");
      // The image's default collation: case-insensitive, as most O11 databases.
      assertThat(
              single(
                  connection,
                  "SELECT CONVERT(nvarchar(128), DATABASEPROPERTYEX(DB_NAME(), 'Collation'))"))
          .contains("_CI_");
      assertThat(
              strings(
                  connection,
                  "SELECT name FROM sys.database_principals WHERE name IN ('OSRUNTIME', 'OSUSER')"))
          .containsExactlyInAnyOrder("OSRUNTIME", "OSUSER");
    }
    try (Connection runtime = DriverManager.getConnection(url, "OSUSER", RUNTIME_PASSWORD)) {
      assertThat(Integer.parseInt(single(runtime, "SELECT COUNT(*) FROM [ossys_Espace]")))
          .isPositive();
    }
  }

  @Test
  void entityTablesInASecondDatabaseAreReadCheckedAndMigrated() throws Exception {
    String url = newDatabaseUrl();
    SeedSqlServer.createDatabase(url, admin(), adminPassword());
    String catalog = "o11_catalog_" + DATABASES.incrementAndGet();
    try (Connection admin =
            DriverManager.getConnection(SQL_SERVER.getJdbcUrl(), admin(), adminPassword());
        Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + SqlServerDialect.quote(catalog));
    }
    SampleSource source =
        ConfirmedSource.onSqlServer(dataSource(url, admin(), adminPassword()), url, catalog);
    O11Model model = read(source);
    O11Entity item =
        model.moduleNamed(ConfirmedSource.MODULE).orElseThrow().entities().stream()
            .filter(e -> e.name().equals("Item"))
            .findFirst()
            .orElseThrow();
    assertThat(item.physicalTable()).isEqualTo(catalog + ".dbo." + ConfirmedSource.ITEM_TABLE);
    assertThat(item.multitenant()).isTrue();

    SampleMigration migration = migrate(source);
    try (Connection from = source.dataSource().getConnection();
        Connection to = migration.stage().getConnection()) {
      org.odcmigrate.plan.CheckReport check =
          new org.odcmigrate.plan.Assessment(org.odcmigrate.config.ValuePolicy.defaults(), 1_000)
              .run("O11", "test", from, to);
      // SQL Server ignores NUL in its usual collations: the binary comparison finds them.
      assertThat(check.rewrites())
          .contains(
              new org.odcmigrate.plan.CheckReport.Rewrite(
                  "Inventory",
                  "Note",
                  "Body",
                  org.odcmigrate.plan.CheckReport.Kind.NUL_CHARACTER,
                  2,
                  "refused (migration.nulCharacters: reject)"));
      assertThat(check.entities())
          .extracting(org.odcmigrate.plan.CheckReport.EntitySize::rows)
          .containsExactlyInAnyOrder(4L, 3L);
    }
    EntityCopier copier =
        new EntityCopier(source.dataSource(), migration.stage(), ZoneOffset.UTC)
            .withValues(
                new org.odcmigrate.config.ValuePolicy(
                    org.odcmigrate.config.ValuePolicy.NullValues.DEFAULT,
                    org.odcmigrate.config.ValuePolicy.NulCharacters.REPLACE));
    for (String entity : List.of("Item", "Note")) {
      EntityResult result =
          copyAll(copier, migration.task(ConfirmedSource.MODULE, entity, BATCH, NO_SPLIT));
      assertThat(result.status()).isEqualTo(EntityResult.Status.COMPLETED);
      CopiedRows.assertMatchesSource(
          migration, migration.entityPlan(ConfirmedSource.MODULE, entity), ZoneOffset.UTC);
      if (entity.equals("Note")) {
        assertThat(result.nulCharactersByAttribute()).isEqualTo(Map.of("Body", 3L, "Title", 1L));
      }
    }
  }

  @Test
  void metadataReadsTheSameModelAsFromH2() throws Exception {
    SampleSource sqlServer = newEnvironment(50);
    O11Model fromSqlServer = read(sqlServer);
    try (SampleSource h2 = SampleSource.create(50, SeedSqlServer.SEED)) {
      assertThat(fromSqlServer).isEqualTo(read(h2));
    }
    // The same model spelled out, so that a difference in both readers cannot hide.
    assertThat(fromSqlServer.modules())
        .extracting(O11Module::name)
        .containsExactly("Catalog", "Customers", "Orders");
    O11Module customers = fromSqlServer.moduleNamed("Customers").orElseThrow();
    assertThat(customers.entities())
        .extracting(O11Entity::name)
        .containsExactly("Country", "Customer", "CustomerNote", "UserProfile");
    O11Entity customer = entity(customers, "Customer");
    assertThat(customer.physicalTable()).isEqualTo(sqlServer.table("Customers", "Customer"));
    assertThat(customer.attributes())
        .extracting(O11Attribute::name)
        .doesNotContain("LegacyCode")
        .containsExactly(
            "Id",
            "Name",
            "Email",
            "Phone",
            "Notes",
            "IsVip",
            "BirthDate",
            "CreatedOn",
            "Balance",
            "Discount",
            "Photo",
            "CountryId",
            "CreatedBy");
    assertThat(customer.attributes())
        .extracting(O11Attribute::column)
        .contains("ID", "NAME", "PHOTO", "CREATEDBY");
    assertThat(customer.identifier().type()).isEqualTo(O11Type.LONG_INTEGER);
    assertThat(customer.identifier().autoNumber()).isTrue();
    assertThat(attribute(customer, "Balance").type()).isEqualTo(O11Type.CURRENCY);
    assertThat(attribute(customer, "Discount"))
        .extracting(O11Attribute::length, O11Attribute::decimals)
        .containsExactly(5, 2);
    assertThat(fromSqlServer.isUserReference(attribute(customer, "CreatedBy").reference()))
        .isTrue();
    assertThat(fromSqlServer.target(fromSqlServer.userEntity()).orElseThrow().physicalTable())
        .isEqualTo("ossys_User");
    assertThat(entity(customers, "Country").kind()).isEqualTo(O11Entity.Kind.STATIC);
    assertThat(entity(customers, "CustomerNote").multitenant()).isTrue();
    O11Entity product = entity(fromSqlServer.moduleNamed("Catalog").orElseThrow(), "Product");
    assertThat(product.identifier())
        .extracting(O11Attribute::column, O11Attribute::type, O11Attribute::length)
        .containsExactly("SKU", O11Type.TEXT, 20);
    // Physical columns as SQL Server has them: the reader never derives a name.
    try (Connection connection = sqlServer.dataSource().getConnection()) {
      for (O11Module module : fromSqlServer.modules()) {
        for (O11Entity entity : module.entities()) {
          Set<String> columns =
              Set.copyOf(
                  strings(
                      connection,
                      "SELECT name FROM sys.columns WHERE object_id = OBJECT_ID(N'"
                          + SqlServerDialect.quote(entity.physicalTable())
                          + "')"));
          assertThat(columns)
              .as("columns of %s", entity.physicalTable())
              .containsAll(entity.attributes().stream().map(O11Attribute::column).toList());
        }
      }
    }
  }

  // ---------------------------------------------------------------- the copy

  @Test
  void everyTypeIsCopiedExactly() throws Exception {
    SampleSource source = newEnvironment(50);
    SampleMigration migration = migrate(source);
    EntityCopier copier = new EntityCopier(source.dataSource(), migration.stage(), LISBON);
    assertThat(migration.plan().entities()).hasSize(7);
    for (EntityPlan plan : migration.plan().entities()) {
      String app = plan.ref().appName();
      String entity = plan.ref().entityName();
      EntityResult result = copyAll(copier, migration.task(app, entity, BATCH, NO_SPLIT));
      assertThat(result.status()).as(entity).isEqualTo(EntityResult.Status.COMPLETED);
      assertThat(result.rowsWritten()).as(entity).isEqualTo(source.rows(app, entity)).isPositive();
      assertThat(result.nulledReferences())
          .as(entity)
          .isEqualTo(CopiedRows.assertMatchesSource(migration, plan, LISBON));
    }
    // SQL Server's own values, spelled out: datetime's 1/300 s ticks, characters outside the BMP
    // in nvarchar, decimal(37,8) at its limits.
    Map<String, Map<String, Object>> customers =
        CopiedRows.stageRows(migration, migration.entityPlan("Customers", "Customer"));
    assertThat(column(customers, "created_on"))
        .contains(
            LocalDateTime.of(2024, 2, 29, 23, 59, 59, 997_000_000),
            LocalDateTime.of(2023, 6, 15, 11, 34, 56, 7_000_000),
            LocalDateTime.of(2024, 1, 1, 0, 0, 0, 3_000_000),
            CopiedRows.UNSET);
    assertThat(column(customers, "name"))
        .contains("Emoji 😀 Party 🎉", "𝔐𝔞𝔱𝔥 𝒮𝒸𝓇𝒾𝓅𝓉 Corp", "Trailing space ");
    assertThat(column(customers, "balance"))
        .contains(
            new BigDecimal("99999999999999999999999999999.99999999"),
            new BigDecimal("-0.00000001"));
  }

  @Test
  void aFiveMegabyteBinaryIsStreamedWithItsDatalength() throws Exception {
    SampleSource source = newEnvironment(50);
    SampleMigration migration = migrate(source);
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    String id = plan.identifier().sourceColumn();
    byte[] photo = new byte[5 * 1024 * 1024];
    new Random(7).nextBytes(photo);
    try (Connection connection = source.dataSource().getConnection();
        PreparedStatement ps =
            connection.prepareStatement(
                "UPDATE "
                    + SqlServerDialect.quote(plan.sourceTable())
                    + " SET [PHOTO] = ? WHERE "
                    + SqlServerDialect.quote(id)
                    + " = 7")) {
      ps.setBytes(1, photo);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }

    // The read the copy sends: the value's DATALENGTH first, then the value as a stream, then
    // the row's hash.
    try (Connection connection = source.dataSource().getConnection()) {
      String read =
          SqlServerDialect.keysetSelect(
              connection,
              plan.sourceTable(),
              List.of(id, "PHOTO"),
              Set.of("PHOTO"),
              id,
              true,
              true);
      assertThat(read).contains("DATALENGTH([PHOTO]), [PHOTO], HASHBYTES('SHA2_256'");
      readPhoto(connection, read, photo);
    }

    EntityResult result =
        copyAll(
            new EntityCopier(source.dataSource(), migration.stage(), ZoneOffset.UTC),
            migration.task("Customers", "Customer", 10, NO_SPLIT));
    assertThat(result.rowsWritten()).isEqualTo(50);
    CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC);
    try (Connection stage = migration.stage().getConnection();
        Statement st = stage.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT photo FROM " + plan.qualifiedTarget() + " WHERE id = 7")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBytes(1)).isEqualTo(photo);
    }
  }

  // ---------------------------------------------------------------- incremental runs

  @Test
  void rangeFingerprintsSeeEveryValueChangeIncludingLongValuesAndNulls() throws Exception {
    SampleSource source = newEnvironment(200);
    SampleMigration migration = migrate(source);
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    String table = SqlServerDialect.table(plan.sourceTable());
    try (Connection connection = source.dataSource().getConnection()) {
      String sql =
          SqlServerDialect.rangeFingerprint(
              connection,
              plan.sourceTable(),
              plan.columns().stream().map(ColumnPlan::sourceColumn).toList(),
              plan.identifier().sourceColumn(),
              false,
              true);
      assertThat(sql)
          .contains(
              "ISNULL(0x01 + CAST(CAST(DATALENGTH(CAST([NOTES] AS VARBINARY(MAX))) AS INT) AS BINARY(4))"
                  + " + CAST([NOTES] AS VARBINARY(MAX)), 0x00)")
          .contains("SUM(CAST(CAST(SUBSTRING(h, 13, 4) AS INT) AS BIGINT))");
      String original = fingerprint(connection, sql, 100);
      assertThat(fingerprint(connection, sql, 100)).isEqualTo(original).startsWith("100:");
      List<String> seen = new ArrayList<>(List.of(original));
      // Past 8000 bytes, and a change in its very last character.
      for (String notes :
          new String[] {"y".repeat(6_000), "y".repeat(5_999) + "z", "", null, "y"}) {
        try (PreparedStatement ps =
            connection.prepareStatement("UPDATE " + table + " SET [NOTES] = ? WHERE [ID] = 5")) {
          ps.setString(1, notes);
          ps.executeUpdate();
        }
        String now = fingerprint(connection, sql, 100);
        assertThat(seen)
            .as("NOTES = %s", notes == null ? "NULL" : notes.length() + " chars")
            .doesNotContain(now);
        seen.add(now);
      }
      try (PreparedStatement ps =
          connection.prepareStatement("UPDATE " + table + " SET [PHOTO] = ? WHERE [ID] = 6")) {
        ps.setBytes(1, new byte[] {0, 0, 1});
        ps.executeUpdate();
      }
      assertThat(seen).doesNotContain(fingerprint(connection, sql, 100));
      // Rows past the range's bound do not count.
      String bounded = fingerprint(connection, sql, 100);
      try (Statement st = connection.createStatement()) {
        st.executeUpdate("UPDATE " + table + " SET [NAME] = N'elsewhere' WHERE [ID] = 150");
      }
      assertThat(fingerprint(connection, sql, 100)).isEqualTo(bounded);
    }
  }

  @Test
  void theRowHashIsOneSha256OverEveryValueLengthPrefixed() throws Exception {
    String url = newDatabaseUrl();
    SeedSqlServer.createDatabase(url, admin(), adminPassword());
    List<String> columns =
        List.of("ID", "A", "B", "NOTES", "PHOTO", "N", "BIG", "FLAG", "AT", "AMOUNT", "REF");
    try (Connection connection = DriverManager.getConnection(url, admin(), adminPassword());
        Statement st = connection.createStatement()) {
      st.execute(
          "CREATE TABLE [H] ([ID] INT PRIMARY KEY, [A] NVARCHAR(50), [B] NVARCHAR(50),"
              + " [NOTES] NVARCHAR(MAX), [PHOTO] VARBINARY(MAX), [N] INT, [BIG] BIGINT, [FLAG] BIT,"
              + " [AT] DATETIME, [AMOUNT] DECIMAL(37, 8), [REF] INT)");
      st.execute(
          "INSERT INTO [H] VALUES"
              + " (1, N'ab', N'c', REPLICATE(CAST(N'y' AS NVARCHAR(MAX)), 6000), 0x000102, 258,"
              + " 4294967296, 1, '2024-01-02T03:04:05.003', 12.5, NULL),"
              + " (2, N'a', N'bc', N'', 0x, -1, 0, 0, '1900-01-01', 0, 7),"
              + " (3, N'', N'x', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
              + " (4, NULL, N'x', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
      String read =
          SqlServerDialect.keysetSelect(connection, "H", columns, Set.of(), "ID", false, false);
      assertThat(read.split("HASHBYTES", -1)).as("one HASHBYTES per row").hasSize(2);
      // Each value's bytes as SQL Server casts them, to encode them here as documented.
      StringBuilder bytes = new StringBuilder("SELECT ");
      for (int i = 0; i < columns.size(); i++) {
        bytes.append(i == 0 ? "" : ", ").append("CAST([" + columns.get(i) + "] AS VARBINARY(MAX))");
      }
      List<byte[]> expected = new ArrayList<>();
      try (ResultSet rs = st.executeQuery(bytes + " FROM [H] ORDER BY [ID]")) {
        while (rs.next()) {
          MessageDigest row = MessageDigest.getInstance("SHA-256");
          for (int i = 1; i <= columns.size(); i++) {
            byte[] value = rs.getBytes(i);
            if (value == null) {
              row.update((byte) 0);
            } else {
              row.update((byte) 1);
              row.update(ByteBuffer.allocate(4).putInt(value.length).array());
              row.update(value);
            }
          }
          expected.add(row.digest());
        }
      }
      // The bytes for row 1: text as UTF-16LE (past 8000 bytes whole), INT 258 big-endian.
      try (ResultSet rs =
          st.executeQuery(
              "SELECT CAST([A] AS VARBINARY(MAX)), CAST([NOTES] AS VARBINARY(MAX)),"
                  + " CAST([N] AS VARBINARY(MAX)) FROM [H] WHERE [ID] = 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBytes(1)).isEqualTo("ab".getBytes(StandardCharsets.UTF_16LE));
        assertThat(rs.getBytes(2)).isEqualTo("y".repeat(6000).getBytes(StandardCharsets.UTF_16LE));
        assertThat(rs.getBytes(3)).isEqualTo(new byte[] {0, 0, 1, 2});
      }
      List<String> hashes = new ArrayList<>();
      try (ResultSet rs = st.executeQuery(read)) {
        int r = 0;
        while (rs.next()) {
          byte[] hash = rs.getBytes(columns.size() + 1);
          assertThat(hash).as("row %s", r + 1).isEqualTo(expected.get(r++));
          hashes.add(HexFormat.of().formatHex(hash));
        }
      }
      assertThat(hashes).hasSize(4).doesNotHaveDuplicates();
      // NULL, '' and a value shifted between two columns, with the rest equal.
      List<String> pairs = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              SqlServerDialect.keysetSelect(
                  connection, "H", List.of("A", "B"), Set.of(), "ID", false, false))) {
        while (rs.next()) {
          pairs.add(HexFormat.of().formatHex(rs.getBytes(3)));
        }
      }
      assertThat(pairs).hasSize(4).doesNotHaveDuplicates();
    }
  }

  @Test
  void anIncrementalRunKeepsUnchangedRangesAndCopiesChangedOnes() throws Exception {
    SampleSource source = newEnvironment(600);
    SampleMigration migration = migrate(source);
    migration.store("migration-2");
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    EntityCopier copier = new EntityCopier(source.dataSource(), migration.stage(), ZoneOffset.UTC);
    CopyTask full = migration.task("Customers", "Customer", 40, 100);
    copyAll(copier, full);
    try (Connection connection = source.dataSource().getConnection();
        Statement st = connection.createStatement()) {
      st.executeUpdate(
          "UPDATE "
              + SqlServerDialect.table(plan.sourceTable())
              + " SET [NOTES] = REPLICATE(CAST(N'n' AS NVARCHAR(MAX)), 9000) WHERE [ID] = 10");
    }
    CopyTask next =
        new CopyTask(
            "migration-2",
            full.environment(),
            full.stage(),
            full.entity(),
            40,
            100,
            true,
            MIGRATION);
    EntityResult result = copyAll(copier, next);
    assertThat(result.rangesKept()).isPositive();
    assertThat(result.rangesCopied()).isEqualTo(2); // the changed range and the keys past the last
    CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC);
  }

  /** The fingerprint of the rows with an id of at most {@code upper}, as text. */
  private static String fingerprint(Connection connection, String sql, long upper)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setLong(1, upper);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        StringBuilder out = new StringBuilder().append(rs.getLong(1));
        for (int i = 2; i <= 5; i++) {
          out.append(':').append(rs.getLong(i));
        }
        return out.toString();
      }
    }
  }

  @Test
  void integerKeysSplitIntoRangesThatCoverEveryRowOnce() throws Exception {
    SampleSource source = newEnvironment(600);
    SampleMigration migration = migrate(source);
    EntityCopier copier = new EntityCopier(source.dataSource(), migration.stage(), ZoneOffset.UTC);
    for (String[] entity : new String[][] {{"Customers", "Customer"}, {"Orders", "OrderLine"}}) {
      EntityPlan plan = migration.entityPlan(entity[0], entity[1]);
      CopyTask task = migration.task(entity[0], entity[1], 40, 100);
      List<KeyRange> ranges = copier.prepare(task);
      assertThat(ranges).as(entity[1]).hasSizeGreaterThan(1);
      List<KeyRange> reversed = new ArrayList<>(ranges);
      Collections.reverse(reversed);
      long written = 0;
      for (KeyRange range : reversed) {
        written += copier.copyRange(task, range, IGNORE).rowsWritten();
      }
      assertThat(written).isEqualTo(600);
      assertThat(CopiedRows.stageIds(migration, plan))
          .isEqualTo(CopiedRows.sourceIds(migration, plan));
      assertThat(copier.verify(task).rowsWritten()).isEqualTo(600);
    }
  }

  @Test
  void textKeysAreReadAndResumedInTheSourceCollation() throws Exception {
    SampleSource source = newEnvironment(60);
    SampleMigration migration = migrate(source);
    EntityPlan plan = migration.entityPlan("Catalog", "Product");
    String table = SqlServerDialect.quote(plan.sourceTable());
    List<String> collationOrder;
    try (Connection connection = source.dataSource().getConnection()) {
      collationOrder = strings(connection, "SELECT [SKU] FROM " + table + " ORDER BY [SKU]");
      // The source compares case-insensitively: a resume key matches whatever its case.
      assertThat(single(connection, "SELECT COUNT(*) FROM " + table + " WHERE [SKU] > 'abc-1'"))
          .isEqualTo(
              single(connection, "SELECT COUNT(*) FROM " + table + " WHERE [SKU] > 'ABC-1'"));
    }
    List<String> ordinal = new ArrayList<>(collationOrder);
    Collections.sort(ordinal);
    assertThat(collationOrder).as("SQL Server's order is not Java's").isNotEqualTo(ordinal);
    assertThat(collationOrder.indexOf("abc-1")).isLessThan(collationOrder.indexOf("ABD-2"));

    EntityCopier copier = new EntityCopier(source.dataSource(), migration.stage(), ZoneOffset.UTC);
    CopyTask task = migration.task("Catalog", "Product", 3, 10);
    List<KeyRange> ranges = copier.prepare(task);
    assertThat(ranges).as("text identifiers are one range").containsExactly(KeyRange.whole());

    List<CopyProgress> first = new ArrayList<>();
    assertThatThrownBy(
            () ->
                copier.copyRange(
                    task,
                    ranges.get(0),
                    p -> {
                      first.add(p);
                      if (first.size() == 4) {
                        throw new IllegalStateException("worker killed");
                      }
                    }))
        .hasMessage("worker killed");
    List<CopyProgress> second = new ArrayList<>();
    RangeResult result = copier.copyRange(task, ranges.get(0), second::add);

    assertThat(result.rowsWritten()).isEqualTo(60);
    // Every batch ended where SQL Server's ORDER BY puts its third row; the retry went on from the
    // fourth batch's checkpoint, in the same order.
    List<String> lastKeys = new ArrayList<>();
    first.forEach(p -> lastKeys.add(p.lastKey()));
    second.forEach(p -> lastKeys.add(p.lastKey()));
    List<String> expected = new ArrayList<>();
    for (int i = 2; i < collationOrder.size(); i += 3) {
      expected.add(collationOrder.get(i));
    }
    assertThat(lastKeys).isEqualTo(expected);
    assertThat(second.get(0).rowsWritten()).isEqualTo(15);
    assertThat(CopiedRows.stageIds(migration, plan))
        .isEqualTo(CopiedRows.sourceIds(migration, plan));
    assertThat(copier.verify(task).rowsWritten()).isEqualTo(60);
    CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC);
  }

  @Test
  void snapshotReadsCopyEachRangeAsItWasWhenItsReadBegan() throws Exception {
    SampleSource source = newEnvironment(200);
    SampleMigration migration = migrate(source);
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    String table = SqlServerDialect.quote(plan.sourceTable());
    String originalName;
    try (Connection connection = source.dataSource().getConnection()) {
      originalName = single(connection, "SELECT [NAME] FROM " + table + " WHERE [ID] = 120");
    }
    HikariDataSource pool = pool(source.url(), 1);
    CopyTask frozen = migration.task("Customers", "Customer", 50, NO_SPLIT);
    CopyTask running =
        new CopyTask(
            frozen.migrationId(),
            frozen.environment(),
            frozen.stage(),
            frozen.entity(),
            frozen.batchSize(),
            frozen.splitRows(),
            false);
    EntityCopier copier =
        new EntityCopier(
            pool,
            migration.stage(),
            ZoneOffset.UTC,
            true,
            new org.odcmigrate.copy.WorkerDraining());
    KeyRange range = copier.prepare(running).get(0);

    // O11 keeps running: after the first batch, rows ahead of the read change.
    AtomicBoolean changed = new AtomicBoolean();
    String copyColumns =
        plan.columns().stream()
            .map(ColumnPlan::sourceColumn)
            .filter(c -> !c.equals("ID"))
            .map(SqlServerDialect::quote)
            .collect(Collectors.joining(", "));
    RangeResult result =
        copier.copyRange(
            running,
            range,
            progress -> {
              if (changed.compareAndSet(false, true)) {
                try (Connection writer = source.dataSource().getConnection();
                    Statement st = writer.createStatement()) {
                  st.executeUpdate("DELETE FROM " + table + " WHERE [ID] = 150");
                  st.executeUpdate(
                      "UPDATE "
                          + table
                          + " SET [NAME] = N'changed during the copy' WHERE [ID] = 120");
                  st.executeUpdate(
                      "INSERT INTO "
                          + table
                          + " ("
                          + copyColumns
                          + ") SELECT "
                          + copyColumns
                          + " FROM "
                          + table
                          + " WHERE [ID] = 1");
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              }
            });

    assertThat(changed).isTrue();
    assertThat(result.rowsWritten()).isEqualTo(200);
    Map<String, Map<String, Object>> stage = CopiedRows.stageRows(migration, plan);
    assertThat(stage).containsKey("150").doesNotContainKey("201");
    assertThat(stage.get("120").get("name")).isEqualTo(originalName);
    EntityResult verified = copier.verify(running);
    assertThat(verified.status()).isEqualTo(EntityResult.Status.COMPLETED);
    assertThat(verified.rowsWritten()).isEqualTo(200);

    // The pooled connection comes back as it was lent: auto-commit, READ COMMITTED on the server.
    try (Connection again = pool.getConnection()) {
      assertThat(again.getAutoCommit()).isTrue();
      assertThat(
              single(
                  again,
                  "SELECT transaction_isolation_level FROM sys.dm_exec_sessions WHERE session_id = @@SPID"))
          .as("2 = READ COMMITTED")
          .isEqualTo("2");
    }

    // Without ALLOW_SNAPSHOT_ISOLATION the copy stops with SQL Server's own explanation.
    String database;
    try (Connection connection = source.dataSource().getConnection()) {
      database = single(connection, "SELECT DB_NAME()");
    }
    try (Connection admin =
            DriverManager.getConnection(SQL_SERVER.getJdbcUrl(), admin(), adminPassword());
        Statement st = admin.createStatement()) {
      st.execute(
          "ALTER DATABASE "
              + SqlServerDialect.quote(database)
              + " SET ALLOW_SNAPSHOT_ISOLATION OFF");
    }
    migration.store("migration-2");
    CopyTask next =
        new CopyTask(
            "migration-2",
            running.environment(),
            running.stage(),
            running.entity(),
            50,
            NO_SPLIT,
            false);
    KeyRange nextRange = copier.prepare(next).get(0);
    assertThatThrownBy(() -> copier.copyRange(next, nextRange, IGNORE))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("snapshot isolation");
  }

  // ---------------------------------------------------------------- preparation and control

  /**
   * The loose text references the preparation refuses: equal in SQL Server's default collation,
   * different for PostgreSQL's foreign key.
   */
  @Test
  void sameTextComparesCaseAndTrailingSpacesAsPostgresqlDoes() throws Exception {
    SampleSource source = newEnvironment(1);
    try (Connection connection = source.dataSource().getConnection();
        Statement st = connection.createStatement()) {
      String[][] pairs = {
        {"N'PT'", "N'PT'", "1"},
        {"N'PT'", "'PT'", "1"},
        {"N'Ação'", "N'Ação'", "1"},
        {"N'PT'", "N'pt'", "0"},
        {"N'PT'", "N'PT '", "0"},
        {"'PT '", "N'PT'", "0"},
      };
      for (String[] pair : pairs) {
        String sql =
            "SELECT CASE WHEN "
                + pair[0]
                + " = "
                + pair[1]
                + " THEN 1 ELSE 0 END, CASE WHEN "
                + SqlServerDialect.sameText(connection, pair[0], pair[1])
                + " THEN 1 ELSE 0 END";
        try (ResultSet rs = st.executeQuery(sql)) {
          rs.next();
          assertThat(rs.getInt(1)).as("the collation matches %s and %s", pair[0], pair[1]).isOne();
          assertThat(rs.getString(2))
              .as("%s exactly equal to %s", pair[0], pair[1])
              .isEqualTo(pair[2]);
        }
      }
    }
  }

  /** Columns wider than their attribute, sized by mssql-jdbc's metadata, counted by the server. */
  @Test
  void valuesWiderThanTheirAttributeAreBlockers() throws Exception {
    SampleSource source = newEnvironment(50);
    DataSource stage = EmbeddedStage.newDatabase();
    SampleMigration.convert(source, stage);
    String customers = SqlServerDialect.quote(source.table("Customers", "Customer"));
    try (Connection connection = source.dataSource().getConnection();
        Statement st = connection.createStatement()) {
      st.execute("ALTER TABLE " + customers + " ALTER COLUMN [NAME] NVARCHAR(MAX) NOT NULL");
      st.execute("ALTER TABLE " + customers + " ALTER COLUMN [DISCOUNT] DECIMAL(12,4) NULL");
      st.executeUpdate(
          "UPDATE " + customers + " SET [NAME] = REPLICATE(N'n', 100) + N'  ' WHERE [ID] = 1");
      // 99999999.9999 rounds to 9 integer digits: the check must not overflow doing so.
      st.executeUpdate("UPDATE " + customers + " SET [DISCOUNT] = 99999999.9999 WHERE [ID] = 2");
    }
    assertThat(blockers(source, stage))
        .satisfiesExactly(
            name -> assertThat(name).contains("Customers.Customer.Name: 1 value(s) longer"),
            decimals -> assertThat(decimals).contains("Discount: 1 value(s) with more than 2"),
            digits -> assertThat(digits).contains("Discount: 1 value(s) of more than 3"));
  }

  @Test
  void blockersMeasureValuesWithDatalength() throws Exception {
    SampleSource source = newEnvironment(50);
    DataSource stage = EmbeddedStage.newDatabase();
    SampleMigration.convert(source, stage);
    assertThat(blockers(source, stage)).isEmpty();

    String customers = SqlServerDialect.quote(source.table("Customers", "Customer"));
    try (Connection connection = source.dataSource().getConnection();
        Statement st = connection.createStatement()) {
      try (PreparedStatement ps =
          connection.prepareStatement(
              "UPDATE " + customers + " SET [PHOTO] = ? WHERE [ID] IN (1, 2)")) {
        ps.setBytes(1, new byte[20 * 1024 * 1024 + 1]);
        assertThat(ps.executeUpdate()).isEqualTo(2);
      }
      try (PreparedStatement ps =
          connection.prepareStatement("UPDATE " + customers + " SET [PHOTO] = ? WHERE [ID] = 3")) {
        ps.setBytes(1, new byte[20 * 1024 * 1024]); // exactly the limit: allowed
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
      // 100,000,001 characters, built by the server: nvarchar(max) holds 2 bytes each.
      assertThat(
              st.executeUpdate(
                  "UPDATE "
                      + customers
                      + " SET [NOTES] = REPLICATE(CAST(N'x' AS NVARCHAR(MAX)), 100000001)"
                      + " WHERE [ID] = 4"))
          .isEqualTo(1);
      assertThat(
              st.executeUpdate(
                  "UPDATE "
                      + SqlServerDialect.quote(source.table("Customers", "CustomerNote"))
                      + " SET [TENANT_ID] = 2 WHERE [ID] <= 3"))
          .isEqualTo(3);
    }
    List<String> blockers = blockers(source, stage);
    assertThat(blockers).hasSize(3);
    assertThat(blockers)
        .anySatisfy(
            b ->
                assertThat(b)
                    .contains("Customers.Customer.Photo")
                    .contains("2 value(s) over 20 MB"));
    assertThat(blockers)
        .anySatisfy(
            b ->
                assertThat(b)
                    .contains("Customers.Customer.Notes")
                    .contains("1 value(s) over 100,000,000 characters"));
    assertThat(blockers)
        .anySatisfy(
            b ->
                assertThat(b)
                    .contains("Customers.CustomerNote")
                    .contains("3 row(s) belong to tenants other than the default"));
  }

  @Test
  void stopDisablesTheRuntimeLoginsAndEndsTheirSessionsStartEnablesThem() throws Exception {
    SampleSource source = newEnvironment(50);
    createControlLogin(source);
    Connections connections =
        new Connections(
            Map.of(
                "O11",
                new EnvironmentConfig(
                    source.url(),
                    admin(),
                    adminPassword(),
                    "UTC",
                    2,
                    new ControlConfig(
                        ControlConfig.Type.DATABASE,
                        "odc_migrate_control",
                        CONTROL_PASSWORD,
                        SeedSqlServer.RUNTIME_LOGINS,
                        null,
                        null,
                        0),
                    false)),
            Map.of());
    closing.add(connections);
    TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
    closing.add(temporal::close);
    closing.add(() -> enableRuntimeLogins()); // whatever happens, later tests find them enabled
    temporal.registerActivitiesImplementations(new ControlActivitiesImpl(connections));
    ControlActivities control = temporal.newActivityStub(ControlActivities.class);

    Connection runtime = DriverManager.getConnection(source.url(), "OSRUNTIME", RUNTIME_PASSWORD);
    closing.add(
        () -> {
          try {
            runtime.close();
          } catch (SQLException e) {
            // The stop ended this session on the server: there is nothing left to close.
          }
        });
    assertThat(single(runtime, "SELECT 1")).isEqualTo("1");

    control.stopEnvironment("O11");
    assertThat(disabled("OSRUNTIME")).isTrue();
    assertThat(disabled("OSUSER")).isTrue();
    assertThatThrownBy(() -> single(runtime, "SELECT 1"))
        .as("the application's session was ended")
        .isInstanceOf(SQLException.class);
    assertThatThrownBy(
            () -> DriverManager.getConnection(source.url(), "OSRUNTIME", RUNTIME_PASSWORD))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Login failed for user 'OSRUNTIME'");
    control.stopEnvironment("O11"); // a retried stop finds nothing more to do

    control.startEnvironment("O11");
    assertThat(disabled("OSRUNTIME")).isFalse();
    assertThat(disabled("OSUSER")).isFalse();
    try (Connection again =
        DriverManager.getConnection(source.url(), "OSRUNTIME", RUNTIME_PASSWORD)) {
      assertThat(single(again, "SELECT 1")).isEqualTo("1");
    }
  }

  @Test
  void aReaderWithTheDocumentedGrantsPlansAndCopiesAndWritesNothing() throws Exception {
    SampleSource admin = newEnvironment(50);
    createReaderLogin(admin);
    SQLServerDataSource readerDataSource =
        dataSource(admin.url(), "odc_migrate_reader", READER_PASSWORD);
    SampleSource reader = new SampleSource(readerDataSource, admin.url(), admin.sample());

    SampleMigration migration = migrate(reader);
    try (Connection connection = reader.dataSource().getConnection()) {
      assertThat(
              Blockers.find(connection, O11Metadata.read(connection), migration.plan().entities()))
          .isEmpty();
    }
    EntityCopier copier =
        new EntityCopier(
            reader.dataSource(),
            migration.stage(),
            ZoneOffset.UTC,
            true,
            new org.odcmigrate.copy.WorkerDraining());
    for (EntityPlan plan : migration.plan().entities()) {
      CopyTask frozen =
          migration.task(plan.ref().appName(), plan.ref().entityName(), BATCH, NO_SPLIT);
      CopyTask running =
          new CopyTask(
              frozen.migrationId(),
              frozen.environment(),
              frozen.stage(),
              frozen.entity(),
              frozen.batchSize(),
              frozen.splitRows(),
              false);
      assertThat(copyAll(copier, running).status()).isEqualTo(EntityResult.Status.COMPLETED);
      CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC);
    }
    try (Connection connection = reader.dataSource().getConnection();
        Statement st = connection.createStatement()) {
      assertThatThrownBy(() -> st.executeUpdate("UPDATE [ossys_Espace] SET [Name] = [Name]"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission was denied");
    }
  }

  @Test
  void snapshotReadsAreCheckedBeforeAnythingIsEmptied() throws Exception {
    SampleSource source = newEnvironment(10);
    DataSource stage = EmbeddedStage.newDatabase();
    SampleMigration.convert(source, stage);
    List<EntityPlan> plans = SampleMigration.plan(source, stage).entities();
    try (Connection connection = source.dataSource().getConnection()) {
      assertThat(SnapshotIsolationCheck.problems(connection, "Production", plans)).isEmpty();
      String database;
      try (Statement st = connection.createStatement();
          ResultSet rs = st.executeQuery("SELECT DB_NAME()")) {
        rs.next();
        database = rs.getString(1);
      }
      try (Statement st = connection.createStatement()) {
        st.execute("ALTER DATABASE [" + database + "] SET ALLOW_SNAPSHOT_ISOLATION OFF");
      }
      assertThat(SnapshotIsolationCheck.problems(connection, "Production", plans))
          .singleElement()
          .asString()
          .contains(
              "environment Production", "database " + database, "ALLOW_SNAPSHOT_ISOLATION ON");
    }
  }

  @Test
  void aLoginWhoseDefaultSchemaIsNotDboFindsThePlatformTables() throws Exception {
    SampleSource admin = newEnvironment(10);
    createReaderLogin(admin);
    try (Connection connection = admin.dataSource().getConnection();
        Statement st = connection.createStatement()) {
      st.execute("ALTER USER [odc_migrate_reader] WITH DEFAULT_SCHEMA = [guest]");
    }
    try (Connection reader =
        dataSource(admin.url(), "odc_migrate_reader", READER_PASSWORD).getConnection()) {
      assertThat(reader.getSchema()).isEqualTo("guest");
      assertThat(PlatformSchema.read(reader).hasTable("ossys_Espace")).isTrue();
      assertThat(O11Metadata.read(reader).modules())
          .extracting(O11Module::name)
          .contains("Customers", "Orders", "Catalog");
    }
  }

  // ---------------------------------------------------------------- helpers

  private static String admin() {
    return SQL_SERVER.getUsername();
  }

  private static String adminPassword() {
    return SQL_SERVER.getPassword();
  }

  private static String newDatabaseUrl() {
    return SQL_SERVER.getJdbcUrl() + ";databaseName=o11_" + DATABASES.incrementAndGet();
  }

  /**
   * A new database holding the sample, set up as the compose stack's seed sets up its SQL Server:
   * created through master with SNAPSHOT reads allowed, the runtime logins given a user in it.
   */
  private static SampleSource newEnvironment(int rows) throws SQLException {
    String url = newDatabaseUrl();
    SeedSqlServer.createDatabase(url, admin(), adminPassword());
    SampleSource source =
        SampleSource.on(
            dataSource(url, admin(), adminPassword()),
            url,
            new SampleSize(rows, SeedSqlServer.SEED));
    try (Connection connection = source.dataSource().getConnection()) {
      SeedSqlServer.createRuntimeLogins(connection, SeedSqlServer.RUNTIME_LOGINS, RUNTIME_PASSWORD);
    }
    return source;
  }

  private static SQLServerDataSource dataSource(String url, String user, String password) {
    SQLServerDataSource dataSource = new SQLServerDataSource();
    dataSource.setURL(url);
    dataSource.setUser(user);
    dataSource.setPassword(password);
    return dataSource;
  }

  private HikariDataSource pool(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(admin());
    config.setPassword(adminPassword());
    config.setMaximumPoolSize(size);
    HikariDataSource pool = new HikariDataSource(config);
    closing.add(pool);
    return pool;
  }

  private static SampleMigration migrate(SampleSource source) throws SQLException {
    SampleMigration migration =
        SampleMigration.create(source, EmbeddedStage.newDatabase(), MIGRATION);
    migration.dropForeignKeys();
    return migration;
  }

  private static EntityResult copyAll(EntityCopier copier, CopyTask task) throws Exception {
    for (KeyRange range : copier.prepare(task)) {
      copier.copyRange(task, range, IGNORE);
    }
    return copier.verify(task);
  }

  private static O11Model read(SampleSource source) throws SQLException {
    try (Connection connection = source.dataSource().getConnection()) {
      return O11Metadata.read(connection);
    }
  }

  private static List<String> blockers(SampleSource source, DataSource stage) throws SQLException {
    PlanResult plan = SampleMigration.plan(source, stage);
    try (Connection connection = source.dataSource().getConnection()) {
      return Blockers.find(connection, O11Metadata.read(connection), plan.entities());
    }
  }

  /** docs/operations.md, "A read-only login for O11", statement for statement. */
  private static void createReaderLogin(SampleSource source) throws SQLException {
    try (Connection master =
            DriverManager.getConnection(SQL_SERVER.getJdbcUrl(), admin(), adminPassword());
        Statement st = master.createStatement()) {
      st.execute(
          "IF SUSER_ID(N'odc_migrate_reader') IS NULL"
              + " CREATE LOGIN [odc_migrate_reader] WITH PASSWORD = N'"
              + READER_PASSWORD
              + "'");
    }
    try (Connection database = source.dataSource().getConnection();
        Statement st = database.createStatement()) {
      st.execute("CREATE USER [odc_migrate_reader] FOR LOGIN [odc_migrate_reader]");
      List<String> grants =
          strings(
              database,
              "SELECT N'GRANT SELECT ON ' + QUOTENAME(SCHEMA_NAME([schema_id])) + N'.'"
                  + " + QUOTENAME([name]) + N' TO [odc_migrate_reader];' FROM sys.tables"
                  + " WHERE [name] LIKE N'ossys[_]%' OR [name] LIKE N'OSUSR[_]%'");
      assertThat(grants).hasSizeGreaterThan(10);
      for (String grant : grants) {
        st.execute(grant);
      }
    }
  }

  /** docs/operations.md, "A control login for O11", statement for statement. */
  private static void createControlLogin(SampleSource source) throws SQLException {
    try (Connection master =
            DriverManager.getConnection(SQL_SERVER.getJdbcUrl(), admin(), adminPassword());
        Statement st = master.createStatement()) {
      st.execute(
          "IF SUSER_ID(N'odc_migrate_control') IS NULL"
              + " CREATE LOGIN [odc_migrate_control] WITH PASSWORD = N'"
              + CONTROL_PASSWORD
              + "'");
      st.execute("GRANT ALTER ANY LOGIN TO [odc_migrate_control]");
      st.execute("GRANT VIEW SERVER STATE TO [odc_migrate_control]");
      st.execute("GRANT ALTER ANY CONNECTION TO [odc_migrate_control]");
    }
    try (Connection database = source.dataSource().getConnection();
        Statement st = database.createStatement()) {
      st.execute("CREATE USER [odc_migrate_control] FOR LOGIN [odc_migrate_control]");
    }
  }

  private static void enableRuntimeLogins() throws SQLException {
    try (Connection master =
            DriverManager.getConnection(SQL_SERVER.getJdbcUrl(), admin(), adminPassword());
        Statement st = master.createStatement()) {
      for (String login : SeedSqlServer.RUNTIME_LOGINS) {
        st.execute("ALTER LOGIN " + SqlServerDialect.quote(login) + " ENABLE");
      }
    }
  }

  private static boolean disabled(String login) throws SQLException {
    try (Connection master =
            DriverManager.getConnection(SQL_SERVER.getJdbcUrl(), admin(), adminPassword());
        PreparedStatement ps =
            master.prepareStatement(
                "SELECT is_disabled FROM sys.server_principals WHERE name = ?")) {
      ps.setString(1, login);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("login %s exists", login).isTrue();
        return rs.getBoolean(1);
      }
    }
  }

  private static O11Entity entity(O11Module module, String name) {
    return module.entities().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }

  private static O11Attribute attribute(O11Entity entity, String name) {
    return entity.attributes().stream()
        .filter(a -> a.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static List<Object> column(Map<String, Map<String, Object>> rows, String column) {
    List<Object> values = new ArrayList<>();
    rows.values().forEach(row -> values.add(row.get(column)));
    return values;
  }

  private static String single(Connection connection, String sql) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      assertThat(rs.next()).as("a row from %s", sql).isTrue();
      return rs.getString(1);
    }
  }

  private static List<String> strings(Connection connection, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private static String sha256(InputStream in) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[64 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Reads row 7 through the copy's keyset read: length, streamed value, then the row's hash. */
  private static void readPhoto(Connection connection, String read, byte[] photo) throws Exception {
    try (PreparedStatement ps =
        connection.prepareStatement(
            read, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      ps.setLong(1, 6);
      ps.setLong(2, 7);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(2)).isEqualTo(photo.length);
        try (InputStream in = rs.getBinaryStream(3)) {
          assertThat(sha256(in)).isEqualTo(sha256(new java.io.ByteArrayInputStream(photo)));
        }
        assertThat(rs.getBytes(4)).hasSize(32);
        assertThat(rs.next()).isFalse();
      }
    }
  }
}
