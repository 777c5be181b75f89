package org.odcmigrate.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odcmigrate.fixtures.CopiedRows.UNSET;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.fixtures.CopiedRows;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.migration.AppPlan;
import org.odcmigrate.migration.CopyProgress;
import org.odcmigrate.migration.CopyTask;
import org.odcmigrate.migration.EntityResult;
import org.odcmigrate.migration.KeyRange;
import org.odcmigrate.migration.RangeResult;
import org.odcmigrate.odc.ForeignKeys;
import org.odcmigrate.odc.StageNames;
import org.odcmigrate.plan.ColumnPlan;
import org.odcmigrate.plan.EntityPlan;
import org.odcmigrate.plan.ValueKind;

/** The copy engine against a generated O11 environment (H2) and a real PostgreSQL stage. */
class EntityCopierTest {

  private static final String MIGRATION = "migration-1";
  private static final int BATCH = 1_000;
  private static final long NO_SPLIT = 1_000_000;
  private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
  private static final Consumer<CopyProgress> IGNORE = p -> {};

  private final List<SampleSource> sources = new ArrayList<>();

  @AfterEach
  void closeSources() {
    sources.forEach(SampleSource::close);
  }

  private SampleMigration migrate(SampleSource source) throws SQLException {
    sources.add(source);
    SampleMigration migration =
        SampleMigration.create(source, EmbeddedStage.newDatabase(), MIGRATION);
    migration.dropForeignKeys();
    return migration;
  }

  private static EntityCopier copier(SampleMigration migration, ZoneId zone) {
    return new EntityCopier(migration.source().dataSource(), migration.stage(), zone);
  }

  /** Prepare, every range, verify: what the app workflow does for one entity. */
  private static EntityResult copyAll(EntityCopier copier, CopyTask task) throws Exception {
    for (KeyRange range : copier.prepare(task)) {
      copier.copyRange(task, range, IGNORE);
    }
    return copier.verify(task);
  }

  @Test
  void copiesEverySampleEntityExactly() throws Exception {
    SampleMigration migration = migrate(SampleSource.small());
    EntityCopier copier = copier(migration, ZoneOffset.UTC);
    assertThat(migration.plan().entities()).hasSize(7);
    for (EntityPlan plan : migration.plan().entities()) {
      String app = plan.ref().appName();
      String entity = plan.ref().entityName();
      long sourceRows = migration.source().rows(app, entity);
      EntityResult result = copyAll(copier, migration.task(app, entity, BATCH, NO_SPLIT));

      assertThat(result.status()).as(entity).isEqualTo(EntityResult.Status.COMPLETED);
      assertThat(result.sourceRows()).as(entity).isEqualTo(sourceRows).isPositive();
      assertThat(result.rowsWritten()).as(entity).isEqualTo(sourceRows);
      assertThat(CopiedRows.stageCount(migration, plan)).as(entity).isEqualTo(sourceRows);
      long nulled = CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC);
      assertThat(result.nulledReferences()).as(entity).isEqualTo(nulled);
    }
    // Identities continue after the copied ids, so the app's next insert does not collide.
    try (Connection stage = migration.stage().getConnection()) {
      assertThat(count(stage, "SELECT nextval(pg_get_serial_sequence('customers.customer', 'id'))"))
          .isGreaterThan(count(stage, "SELECT max(id) FROM customers.customer"));
      assertThat(count(stage, "SELECT nextval(pg_get_serial_sequence('orders.order_line', 'id'))"))
          .isGreaterThan(count(stage, "SELECT max(id) FROM orders.order_line"));
    }
    // Every reference the copy kept points to a row that exists: the foreign keys come back.
    try (Connection stage = migration.stage().getConnection()) {
      for (AppPlan app : migration.plan().apps()) {
        ForeignKeys.restore(stage, app.schema());
      }
      assertThat(foreignKeys(stage, "customers")).hasSize(2);
    }
  }

  @Test
  void customerRowsAreMappedValueByValue() throws Exception {
    SampleMigration migration = migrate(SampleSource.small());
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    EntityResult result =
        copyAll(
            copier(migration, ZoneOffset.UTC),
            migration.task("Customers", "Customer", BATCH, NO_SPLIT));

    long expectedNulled = CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC);
    assertThat(result.nulledReferences()).isEqualTo(expectedNulled);
    // Counted independently: rows pointing to the deleted country, plus every user reference.
    String table = migration.source().table("Customers", "Customer");
    long deletedCountry =
        sourceCount(
            migration,
            "SELECT COUNT(*) FROM ["
                + table
                + "] WHERE [COUNTRYID] IN"
                + " (SELECT [Data_Id] FROM [ossys_Entity_Record] WHERE [Is_Active] = 0)");
    long users =
        sourceCount(
            migration, "SELECT COUNT(*) FROM [" + table + "] WHERE [CREATEDBY] IS NOT NULL");
    assertThat(deletedCountry).isPositive();
    assertThat(users).isPositive();
    assertThat(expectedNulled).isEqualTo(deletedCountry + users);
    assertThat(result.nulledByAttribute())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("CountryId", deletedCountry, "CreatedBy", users));

    assertThat(CopiedRows.stageColumns(migration, plan))
        .containsExactly(
            "id",
            "name",
            "email",
            "phone",
            "notes",
            "is_vip",
            "birth_date",
            "created_on",
            "balance",
            "discount",
            "photo",
            "country_id",
            "created_by")
        .doesNotContain("legacy_code");

    // The edge values themselves, spelled out, so an error in the row mapping above cannot hide
    // them.
    Map<String, Map<String, Object>> rows = CopiedRows.stageRows(migration, plan);
    List<Object> names = column(rows, "name");
    assertThat(names)
        .contains(
            "Zoë O'Brien",
            "Emoji 😀 Party 🎉",
            "Tab\tSeparated Ltd",
            "Two\nLines\r\nLtd",
            "Back\\slash & Sons",
            "Trailing space ",
            "李小龙 / Ана Петрова");
    assertThat(column(rows, "email")).contains("", "o'brien+vip@mail.example.co.uk");
    assertThat(column(rows, "notes")).contains("", "😀");
    assertThat(column(rows, "balance"))
        .contains(
            new BigDecimal("99999999999999999999999999999.99999999"),
            new BigDecimal("-99999999999999999999999999999.99999999"),
            new BigDecimal("0.00000001"),
            new BigDecimal("-0.00000001"),
            new BigDecimal("0E-8"));
    assertThat(column(rows, "discount"))
        .contains(new BigDecimal("999.99"), new BigDecimal("-999.99"), new BigDecimal("0.00"));
    assertThat(column(rows, "created_on"))
        .contains(
            UNSET,
            LocalDateTime.of(2024, 2, 29, 23, 59, 59, 997_000_000),
            LocalDateTime.of(9999, 12, 31, 23, 59, 59, 997_000_000));
    assertThat(column(rows, "birth_date"))
        .contains(LocalDate.of(1900, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(2024, 2, 29));
    assertThat(column(rows, "photo"))
        .anyMatch(p -> ((byte[]) p).length == 0)
        .anyMatch(p -> ((byte[]) p).length == 100 * 1024);
    assertThat(column(rows, "created_by")).containsOnlyNulls();
  }

  @Test
  void userReferencesFollowTheUserMapOfTheEnvironment() throws Exception {
    SampleMigration migration = migrate(SampleSource.small());
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    UUID admin = UUID.fromString("00000000-0000-4000-8000-000000000001");
    UUID other = UUID.fromString("00000000-0000-4000-8000-000000000002");
    try (Connection stage = migration.stage().getConnection();
        Statement st = stage.createStatement()) {
      st.execute(
          "INSERT INTO odc_identity.end_user (id, name, email, is_active) VALUES ('"
              + admin
              + "', 'Admin',"
              + " 'admin@example.com', true), ('"
              + other
              + "', 'Other', 'other@example.com', true)");
      st.execute(
          "INSERT INTO odc_identity.user_map VALUES ('"
              + SampleMigration.ENVIRONMENT
              + "', 1, '"
              + admin
              + "'),"
              + " ('another-environment', 2, '"
              + other
              + "')");
    }
    EntityResult result =
        copyAll(
            copier(migration, ZoneOffset.UTC),
            migration.task("Customers", "Customer", BATCH, NO_SPLIT));

    long nulled = CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC, Map.of(1, admin));
    assertThat(result.nulledReferences()).isEqualTo(nulled);
    List<Object> createdBy = column(CopiedRows.stageRows(migration, plan), "created_by");
    assertThat(createdBy).contains(admin).doesNotContain(other);
  }

  @Test
  void productsWarehousesAndOrdersKeepTheirExtremes() throws Exception {
    SampleMigration migration = migrate(SampleSource.small());
    EntityCopier copier = copier(migration, ZoneOffset.UTC);
    for (String[] entity :
        new String[][] {{"Catalog", "Product"}, {"Catalog", "Warehouse"}, {"Orders", "Order"}}) {
      copyAll(copier, migration.task(entity[0], entity[1], 7, NO_SPLIT));
      CopiedRows.assertMatchesSource(
          migration, migration.entityPlan(entity[0], entity[1]), ZoneOffset.UTC);
    }
    EntityPlan product = migration.entityPlan("Catalog", "Product");
    assertThat(CopiedRows.stageIds(migration, product))
        .contains(
            "abc-1", "ABD-2", "Zeta", "alpha", "co-op", "coop", "_legacy", "0042", "Éclair", "a b")
        .isEqualTo(CopiedRows.sourceIds(migration, product));

    Map<String, Map<String, Object>> warehouses =
        CopiedRows.stageRows(migration, migration.entityPlan("Catalog", "Warehouse"));
    assertThat(warehouses).containsKey(Integer.toString(Integer.MAX_VALUE));
    assertThat(column(warehouses, "capacity")).contains(Long.MIN_VALUE, Long.MAX_VALUE, 0L);

    Map<String, Map<String, Object>> orders =
        CopiedRows.stageRows(migration, migration.entityPlan("Orders", "Order"));
    assertThat(column(orders, "status")).contains(Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
    assertThat(column(orders, "total"))
        .contains(new BigDecimal("9999999999999999.99"), new BigDecimal("-9999999999999999.99"));
    assertThat(column(orders, "delivery_time"))
        .contains(LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59));
    assertThat(column(orders, "order_date"))
        .contains(LocalDate.of(9999, 12, 31), LocalDate.of(1900, 1, 1));
    // A reference to another app's entity is no static reference: kept even where it dangles.
    assertThat(column(orders, "customer_id")).contains(9_999_999_999L).containsNull();
  }

  @Test
  void dateTimesMoveToUtcFromTheEnvironmentZone() throws Exception {
    SampleMigration migration = migrate(SampleSource.small());
    EntityCopier copier = copier(migration, LISBON);
    for (String[] entity :
        new String[][] {
          {"Customers", "Customer"}, {"Customers", "CustomerNote"}, {"Orders", "Order"}
        }) {
      copyAll(copier, migration.task(entity[0], entity[1], BATCH, NO_SPLIT));
      CopiedRows.assertMatchesSource(migration, migration.entityPlan(entity[0], entity[1]), LISBON);
    }
    EntityPlan customer = migration.entityPlan("Customers", "Customer");
    Map<String, Map<String, Object>> source = CopiedRows.sourceRows(migration, customer);
    Map<String, Map<String, Object>> stage = CopiedRows.stageRows(migration, customer);
    Map<LocalDateTime, LocalDateTime> shifted = new HashMap<>();
    source.forEach(
        (id, row) ->
            shifted.put(
                (LocalDateTime) row.get("CREATEDON"),
                (LocalDateTime) stage.get(id).get("created_on")));
    // Winter: Lisbon is UTC+0; summer: UTC+1; O11's unset value is no instant and stays.
    assertThat(shifted)
        .containsEntry(UNSET, UNSET)
        .containsEntry(
            LocalDateTime.of(2024, 2, 29, 23, 59, 59, 997_000_000),
            LocalDateTime.of(2024, 2, 29, 23, 59, 59, 997_000_000))
        .containsEntry(
            LocalDateTime.of(2023, 6, 15, 12, 34, 56, 7_000_000),
            LocalDateTime.of(2023, 6, 15, 11, 34, 56, 7_000_000))
        .containsEntry(LocalDateTime.of(2024, 3, 31, 2, 30), LocalDateTime.of(2024, 3, 31, 1, 30))
        .containsEntry(
            LocalDateTime.of(9999, 12, 31, 23, 59, 59, 997_000_000),
            LocalDateTime.of(9999, 12, 31, 23, 59, 59, 997_000_000));
    shifted.forEach(
        (from, to) -> {
          if (!from.equals(UNSET)) {
            long minutes = Duration.between(to, from).toMinutes();
            assertThat(minutes).as("shift of %s", from).isIn(0L, 60L);
          }
        });
    // Date and Time are as entered: no shift even where a DateTime would move.
    source.forEach(
        (id, row) ->
            assertThat(stage.get(id).get("birth_date"))
                .isEqualTo(((LocalDateTime) row.get("BIRTHDATE")).toLocalDate()));
    Map<String, Map<String, Object>> orders =
        CopiedRows.stageRows(migration, migration.entityPlan("Orders", "Order"));
    assertThat(column(orders, "delivery_time"))
        .contains(LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59), LocalTime.of(0, 0, 1));
  }

  /** Zones of a fixed offset ("UTC" by name too) shift every DateTime by that offset. */
  @Test
  void dateTimesOfAFixedOffsetZoneMoveByThatOffset() throws Exception {
    SampleMigration migration = migrate(SampleSource.small());
    EntityPlan customer = migration.entityPlan("Customers", "Customer");
    Map<String, Map<String, Object>> source = CopiedRows.sourceRows(migration, customer);
    int run = 0;
    for (ZoneId zone :
        List.of(ZoneId.of("UTC"), ZoneId.of("Etc/GMT-2"), ZoneOffset.ofHoursMinutes(-5, -30))) {
      String next = "fixed-" + run++;
      migration.store(next);
      copyAll(
          copier(migration, zone), migration.task(next, "Customers", "Customer", BATCH, NO_SPLIT));
      CopiedRows.assertMatchesSource(migration, customer, zone);
      long shift =
          zone.normalized().getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds();
      Map<String, Map<String, Object>> stage = CopiedRows.stageRows(migration, customer);
      source.forEach(
          (id, row) -> {
            LocalDateTime from = (LocalDateTime) row.get("CREATEDON");
            LocalDateTime to = (LocalDateTime) stage.get(id).get("created_on");
            LocalDateTime shifted = from.minusSeconds(shift);
            assertThat(to)
                .as("%s in %s", from, zone)
                .isEqualTo(from.equals(UNSET) || shifted.getYear() > 9999 ? from : shifted);
          });
    }
  }

  @Test
  void resumesFromTheCheckpointAfterACrashWithoutCopyingTwice() throws Exception {
    SampleMigration migration = migrate(SampleSource.create(320, 5L));
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    CopyTask task = migration.task("Customers", "Customer", 50, NO_SPLIT);
    EntityCopier copier = copier(migration, ZoneOffset.UTC);
    List<KeyRange> ranges = copier.prepare(task);
    assertThat(ranges).containsExactly(KeyRange.whole());
    countCommittedInserts(migration, plan);

    List<CopyProgress> first = new ArrayList<>();
    assertThatThrownBy(
            () ->
                copier.copyRange(
                    task,
                    ranges.get(0),
                    p -> {
                      first.add(p);
                      if (first.size() == 3) {
                        throw new IllegalStateException("worker killed");
                      }
                    }))
        .hasMessage("worker killed");
    assertThat(first).extracting(CopyProgress::rowsWritten).containsExactly(50L, 100L, 150L);
    assertThat(CopiedRows.stageCount(migration, plan)).isEqualTo(150);

    List<CopyProgress> second = new ArrayList<>();
    RangeResult result = copier.copyRange(task, ranges.get(0), second::add);
    // The retry starts after the last committed key: its batches continue the count from 150.
    assertThat(second)
        .extracting(CopyProgress::rowsWritten)
        .containsExactly(200L, 250L, 300L, 320L);
    // Rows committed per heartbeat, over both attempts, and the same figure counted by the stage
    // itself.
    long fromHeartbeats = 0;
    long previous = 0;
    for (CopyProgress progress : concat(first, second)) {
      fromHeartbeats += progress.rowsWritten() - previous;
      previous = progress.rowsWritten();
    }
    assertThat(fromHeartbeats).isBetween(320L, 320L + 50);
    try (Connection stage = migration.stage().getConnection()) {
      assertThat(count(stage, "SELECT coalesce(sum(n), 0) FROM committed_inserts"))
          .isBetween(320L, 320L + 50);
    }
    assertThat(result.rowsWritten()).isEqualTo(320);
    assertThat(result.nulledReferences())
        .isEqualTo(CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC));
    assertThat(CopiedRows.stageIds(migration, plan))
        .isEqualTo(CopiedRows.sourceIds(migration, plan));
    assertThat(copier.verify(task).rowsWritten()).isEqualTo(320);
    // A copy of a completed range is a no-op that reports the same totals.
    assertThat(copier.copyRange(task, ranges.get(0), IGNORE)).isEqualTo(result);
  }

  @Test
  void aStoppingWorkerHandsItsRangeBackAfterTheBatchItCommits() throws Exception {
    SampleMigration migration = migrate(SampleSource.create(320, 5L));
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    CopyTask task = migration.task("Customers", "Customer", 50, NO_SPLIT);
    WorkerDraining draining = new WorkerDraining();
    EntityCopier stopping =
        new EntityCopier(
            migration.source().dataSource(), migration.stage(), ZoneOffset.UTC, false, draining);
    KeyRange range = stopping.prepare(task).get(0);

    List<CopyProgress> seen = new ArrayList<>();
    assertThatThrownBy(
            () ->
                stopping.copyRange(
                    task,
                    range,
                    p -> {
                      seen.add(p);
                      if (seen.size() == 2) {
                        draining.start(); // the worker process was asked to stop
                      }
                    }))
        .isInstanceOf(WorkerDraining.Released.class)
        .hasMessageContaining("after 100 rows");
    assertThat(CopiedRows.stageCount(migration, plan)).isEqualTo(100);

    RangeResult result = copier(migration, ZoneOffset.UTC).copyRange(task, range, IGNORE);
    assertThat(result.rowsWritten()).isEqualTo(320);
    assertThat(CopiedRows.stageIds(migration, plan))
        .isEqualTo(CopiedRows.sourceIds(migration, plan));
  }

  @Test
  void prepareRunsOncePerMigration() throws Exception {
    SampleMigration migration = migrate(SampleSource.small());
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    EntityCopier copier = copier(migration, ZoneOffset.UTC);
    CopyTask task = migration.task("Customers", "Customer", BATCH, 20);
    List<KeyRange> ranges = copier.prepare(task);
    copier.copyRange(task, ranges.get(0), IGNORE);
    long copied = CopiedRows.stageCount(migration, plan);
    assertThat(copied).isPositive();

    assertThat(copier.prepare(task)).isEqualTo(ranges);
    assertThat(CopiedRows.stageCount(migration, plan))
        .as("rows after a second prepare")
        .isEqualTo(copied);

    // A new migration starts from an empty table, once.
    migration.store("migration-2");
    CopyTask next = migration.task("migration-2", "Customers", "Customer", BATCH, NO_SPLIT);
    List<KeyRange> nextRanges = copier.prepare(next);
    assertThat(CopiedRows.stageCount(migration, plan)).isZero();
    copier.copyRange(next, nextRanges.get(0), IGNORE);
    assertThat(copier.prepare(next)).isEqualTo(nextRanges);
    assertThat(CopiedRows.stageCount(migration, plan))
        .isEqualTo(migration.source().rows("Customers", "Customer"));
    assertThat(copier.verify(next).status()).isEqualTo(EntityResult.Status.COMPLETED);
  }

  /** Small tables are emptied by DELETE, bigger ones by TRUNCATE: both end up empty. */
  @Test
  void aNewMigrationEmptiesAStageTableOfAnySize() throws Exception {
    SampleMigration migration = migrate(SampleSource.small());
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    EntityCopier copier = copier(migration, ZoneOffset.UTC);
    copyAll(copier, migration.task("Customers", "Customer", BATCH, NO_SPLIT));
    String id = StageNames.quote(plan.identifier().targetColumn());
    StringBuilder shifted = new StringBuilder();
    for (ColumnPlan column : plan.columns()) {
      String name = StageNames.quote(column.targetColumn());
      shifted.append(shifted.isEmpty() ? "" : ", ").append(name.equals(id) ? id + " + m" : name);
    }
    try (Connection stage = migration.stage().getConnection();
        Statement st = stage.createStatement()) {
      // Rows of an earlier migration, doubled until the table is past the DELETE threshold.
      while (count(stage, "SELECT pg_total_relation_size('" + plan.qualifiedTarget() + "')")
          <= StageSql.DELETE_UP_TO_BYTES) {
        st.execute(
            "INSERT INTO "
                + StageSql.tableAndColumns(plan)
                + " SELECT "
                + shifted
                + " FROM "
                + plan.qualifiedTarget()
                + ", (SELECT max("
                + id
                + ") AS m FROM "
                + plan.qualifiedTarget()
                + ") q");
      }
    }
    for (String next : List.of("migration-2", "migration-3")) {
      migration.store(next);
      CopyTask task = migration.task(next, "Customers", "Customer", BATCH, NO_SPLIT);
      EntityResult result = copyAll(copier, task);
      assertThat(result.status()).as(next).isEqualTo(EntityResult.Status.COMPLETED);
      assertThat(CopiedRows.stageCount(migration, plan))
          .as(next)
          .isEqualTo(migration.source().rows("Customers", "Customer"));
      CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC);
    }
  }

  @Test
  void bigTablesSplitIntoRangesThatCoverEveryRowOnce() throws Exception {
    SampleMigration migration = migrate(SampleSource.create(600, 3L));
    EntityCopier copier = copier(migration, ZoneOffset.UTC);
    // Integer identifiers, and Product's text identifier (split at keys in H2's collation).
    for (String[] entity :
        new String[][] {
          {"Customers", "Customer"},
          {"Customers", "CustomerNote"},
          {"Orders", "OrderLine"},
          {"Catalog", "Product"}
        }) {
      EntityPlan plan = migration.entityPlan(entity[0], entity[1]);
      CopyTask task = migration.task(entity[0], entity[1], 40, 100);
      List<KeyRange> ranges = copier.prepare(task);
      assertThat(ranges).as(entity[1]).hasSizeGreaterThan(1);
      assertThat(ranges.get(0).lowerExclusive()).isNull();
      assertThat(ranges.get(ranges.size() - 1).upperInclusive()).isNull();
      for (int i = 1; i < ranges.size(); i++) {
        assertThat(ranges.get(i).lowerExclusive()).isEqualTo(ranges.get(i - 1).upperInclusive());
        assertThat(ranges.get(i).number()).isEqualTo(i);
      }
      // Ranges are independent: copy them last first.
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
    migration.store("migration-2");
    CopyTask small = migration.task("migration-2", "Catalog", "Product", 40, 100_000);
    assertThat(copier.prepare(small))
        .as("a table under splitRows")
        .containsExactly(KeyRange.whole());
  }

  @Test
  void aConcurrentAttemptOfTheSameRangeNeitherDuplicatesNorLosesRows() throws Exception {
    SampleMigration migration = migrate(SampleSource.create(400, 9L));
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    CopyTask task = migration.task("Customers", "Customer", 10, NO_SPLIT);
    EntityCopier copier = copier(migration, ZoneOffset.UTC);
    KeyRange range = copier.prepare(task).get(0);

    CountDownLatch start = new CountDownLatch(1);
    Callable<RangeResult> attempt =
        () -> {
          start.await();
          return copier.copyRange(task, range, IGNORE);
        };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Object> outcomes = new ArrayList<>();
    try {
      Future<RangeResult> a = pool.submit(attempt);
      Future<RangeResult> b = pool.submit(attempt);
      start.countDown();
      for (Future<RangeResult> f : List.of(a, b)) {
        try {
          outcomes.add(f.get(60, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          outcomes.add(e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(outcomes)
        .allSatisfy(
            o -> assertThat(o).isInstanceOfAny(RangeResult.class, ConcurrentCopyException.class))
        .anySatisfy(
            o ->
                assertThat(o)
                    .isInstanceOf(RangeResult.class)
                    .extracting("rowsWritten")
                    .isEqualTo(400L));
    assertThat(CopiedRows.stageIds(migration, plan))
        .isEqualTo(CopiedRows.sourceIds(migration, plan));
    assertThat(copier.copyRange(task, range, IGNORE).rowsWritten()).isEqualTo(400);
    assertThat(copier.verify(task).rowsWritten()).isEqualTo(400);
  }

  @Test
  void aValueOdcCannotHoldStopsTheCopyNamingTableColumnAndKey() throws Exception {
    SampleMigration migration = migrate(SampleSource.create(200, 4L));
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    String table = migration.source().table("Customers", "Customer");
    CopyTask task = migration.task("Customers", "Customer", 50, NO_SPLIT);
    EntityCopier copier = copier(migration, ZoneOffset.UTC);
    KeyRange range = copier.prepare(task).get(0);

    updateSource(
        migration, "UPDATE [" + table + "] SET [NAME] = ? WHERE [ID] = 75", "nul\u0000inside");
    assertThatThrownBy(() -> copier.copyRange(task, range, IGNORE))
        .isInstanceOf(DataRejectedException.class)
        .hasMessageContaining(table)
        .hasMessageContaining("NAME")
        .hasMessageContaining("ID = 75")
        .hasMessageContaining("U+0000");
    // The first batch (ids 1..50) committed; nothing of the batch holding id 75 did.
    assertThat(CopiedRows.stageCount(migration, plan)).isEqualTo(50);

    updateSource(migration, "UPDATE [" + table + "] SET [NAME] = ? WHERE [ID] = 75", "fixed");
    // A NULL outside references is what the O11 apps read as the default value: copied as '' and
    // counted.
    updateSource(migration, "UPDATE [" + table + "] SET [PHONE] = NULL WHERE [ID] = 120");
    assertThat(copier.copyRange(task, range, IGNORE).rowsWritten()).isEqualTo(200);
    CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC);
    assertThat(copier.verify(task).nullsByAttribute()).isEqualTo(java.util.Map.of("Phone", 1L));
  }

  @Test
  void halfOfASurrogatePairIsRejectedRatherThanReplaced() throws Exception {
    SampleMigration migration = migrate(SampleSource.small());
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    String table = migration.source().table("Customers", "Customer");
    CopyTask task = migration.task("Customers", "Customer", BATCH, NO_SPLIT);
    EntityCopier copier = copier(migration, ZoneOffset.UTC);
    KeyRange range = copier.prepare(task).get(0);
    // Text cut to a length in the middle of an emoji, as nvarchar lets it be stored.
    String cut = "Party 😀".substring(0, 7);
    updateSource(migration, "UPDATE [" + table + "] SET [NOTES] = ? WHERE [ID] = 3", cut);

    assertThatThrownBy(() -> copier.copyRange(task, range, IGNORE))
        .isInstanceOf(DataRejectedException.class)
        .hasMessageContaining(table)
        .hasMessageContaining("NOTES")
        .hasMessageContaining("ID = 3")
        .hasMessageContaining("position 6");
    assertThat(CopiedRows.stageCount(migration, plan)).isZero();
  }

  @Test
  void longTextsAreStreamedExactlyAndCheckedAllTheWay() throws Exception {
    SampleMigration migration = migrate(SampleSource.small());
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    ColumnPlan notes =
        plan.columns().stream()
            .filter(c -> c.sourceColumn().equalsIgnoreCase("NOTES"))
            .findFirst()
            .orElseThrow();
    assertThat(notes.kind()).isEqualTo(ValueKind.LONG_TEXT);
    String table = migration.source().table("Customers", "Customer");
    CopyTask task = migration.task("Customers", "Customer", BATCH, NO_SPLIT);
    EntityCopier copier = copier(migration, ZoneOffset.UTC);
    KeyRange range = copier.prepare(task).get(0);
    // Over the in-memory limit, so read as a character stream and spooled: 1, 2, 3 and 4 UTF-8
    // bytes a character.
    int units = (int) (RowEncoder.TEXT_IN_MEMORY_BYTES / 2) + 40_000;
    String longText = "aé€😀".repeat(units / 5 + 1);
    String streamedBad = longText.substring(0, units - 1) + "\uD83D" + "x";
    updateSource(migration, "UPDATE [" + table + "] SET [NOTES] = ? WHERE [ID] = 4", longText);
    updateSource(migration, "UPDATE [" + table + "] SET [NOTES] = ? WHERE [ID] = 5", streamedBad);

    assertThatThrownBy(() -> copier.copyRange(task, range, IGNORE))
        .isInstanceOf(DataRejectedException.class)
        .hasMessageContaining(table)
        .hasMessageContaining("NOTES")
        .hasMessageContaining("ID = 5")
        .hasMessageContaining("position " + (units - 1));

    updateSource(
        migration,
        "UPDATE [" + table + "] SET [NOTES] = ? WHERE [ID] = 5",
        longText + "\uD83D\uDE00");
    copier.copyRange(task, range, IGNORE);
    assertThat(copier.verify(task).status()).isEqualTo(EntityResult.Status.COMPLETED);
    CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC);
    try (Connection stage = migration.stage().getConnection();
        Statement st = stage.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT "
                    + StageNames.quote(notes.targetColumn())
                    + " FROM "
                    + plan.qualifiedTarget()
                    + " WHERE id = 4")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(longText);
    }
  }

  /**
   * The stage's static records came with code converted from another environment, where the same
   * records (the same keys) have other ids, as O11 environments can: references follow the keys.
   */
  @Test
  void staticReferencesPointToTheStageRecordOfTheSameKey() throws Exception {
    SampleMigration migration = migrate(SampleSource.small());
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    ColumnPlan country =
        plan.columns().stream()
            .filter(c -> c.attribute().equals("CountryId"))
            .findFirst()
            .orElseThrow();
    ColumnPlan.StaticTarget target = country.staticTarget();
    try (Connection stage = migration.stage().getConnection();
        PreparedStatement renumber =
            stage.prepareStatement(
                "UPDATE odc_catalog.static_record SET record_id = (record_id::int + 100)::text"
                    + " WHERE app_key = ? AND entity_key = ?");
        Statement st = stage.createStatement()) {
      st.executeUpdate(
          "UPDATE "
              + target.table()
              + " SET "
              + target.idColumn()
              + " = "
              + target.idColumn()
              + " + 100");
      renumber.setString(1, target.appKey());
      renumber.setString(2, target.entityKey());
      assertThat(renumber.executeUpdate()).isPositive();
    }

    EntityResult result =
        copyAll(
            copier(migration, ZoneOffset.UTC),
            migration.task("Customers", "Customer", BATCH, NO_SPLIT));

    assertThat(result.status()).isEqualTo(EntityResult.Status.COMPLETED);
    Map<Long, Long> inO11 =
        countries(
            migration.source().dataSource(),
            "SELECT ["
                + plan.identifier().sourceColumn()
                + "], ["
                + country.sourceColumn()
                + "] FROM ["
                + plan.sourceTable()
                + "]");
    Map<Long, Long> inStage =
        countries(
            migration.stage(),
            "SELECT "
                + StageNames.quote(plan.identifier().targetColumn())
                + ", "
                + StageNames.quote(country.targetColumn())
                + " FROM "
                + plan.qualifiedTarget());
    Set<Object> deleted = CopiedRows.deletedStaticIds(migration);
    Map<Long, Long> expected = new HashMap<>();
    inO11.forEach(
        (id, o11) -> expected.put(id, o11 == null || deleted.contains(o11) ? null : o11 + 100));
    assertThat(inStage).isEqualTo(expected);
    assertThat(inO11.values())
        .as("the sample references live records and a deleted one")
        .anyMatch(deleted::contains)
        .anyMatch(v -> v != null && !deleted.contains(v));
  }

  /** Identifier to country id, NULLs kept, as the query returns them. */
  private static Map<Long, Long> countries(DataSource database, String sql) throws SQLException {
    Map<Long, Long> countries = new HashMap<>();
    try (Connection connection = database.getConnection();
        Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        long id = rs.getLong(1);
        long value = rs.getLong(2);
        countries.put(id, rs.wasNull() ? null : value);
      }
    }
    return countries;
  }

  @Test
  void verifyNamesBothFiguresWhenTheStageTableChangedAfterTheCopy() throws Exception {
    SampleMigration migration = migrate(SampleSource.small());
    EntityPlan plan = migration.entityPlan("Catalog", "Warehouse");
    CopyTask task = migration.task("Catalog", "Warehouse", BATCH, NO_SPLIT);
    EntityCopier copier = copier(migration, ZoneOffset.UTC);
    assertThat(copyAll(copier, task).rowsWritten()).isEqualTo(10);
    try (Connection stage = migration.stage().getConnection();
        Statement st = stage.createStatement()) {
      st.execute("DELETE FROM " + plan.qualifiedTarget() + " WHERE id = 20");
    }
    assertThatThrownBy(() -> copier.verify(task))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("9")
        .hasMessageContaining("10")
        .hasMessageContaining("Catalog.Warehouse");
  }

  @Test
  void snapshotReadsOfARunningEnvironmentCopyTheSameRowsAndGiveTheConnectionBack()
      throws Exception {
    SampleMigration migration = migrate(SampleSource.small());
    CopyTask frozen = migration.task("Customers", "Customer", BATCH, NO_SPLIT);
    CopyTask task =
        new CopyTask(
            frozen.migrationId(),
            frozen.environment(),
            frozen.stage(),
            frozen.entity(),
            frozen.batchSize(),
            frozen.splitRows(),
            false);
    org.h2.jdbcx.JdbcConnectionPool pool =
        org.h2.jdbcx.JdbcConnectionPool.create(migration.source().url(), "", "");
    pool.setMaxConnections(1);
    try {
      EntityCopier copier =
          new EntityCopier(pool, migration.stage(), ZoneOffset.UTC, true, new WorkerDraining());
      EntityResult result = copyAll(copier, task);
      assertThat(result.rowsWritten()).isEqualTo(migration.source().rows("Customers", "Customer"));
      try (Connection again = pool.getConnection()) {
        assertThat(again.getAutoCommit()).isTrue();
        assertThat(again.getTransactionIsolation())
            .isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
      }
    } finally {
      pool.dispose();
    }
  }

  @Test
  void verifyCatchesAValueChangedInTheStageThoughTheRowCountIsRight() throws Exception {
    SampleMigration migration = migrate(SampleSource.small());
    EntityPlan plan = migration.entityPlan("Customers", "Customer");
    CopyTask task = migration.task("Customers", "Customer", BATCH, NO_SPLIT);
    EntityCopier copier = copier(migration, ZoneOffset.UTC);
    copyAll(copier, task);
    assertThat(copier.verify(task).status()).isEqualTo(EntityResult.Status.COMPLETED);
    try (Connection stage = migration.stage().getConnection();
        Statement st = stage.createStatement()) {
      st.execute(
          "UPDATE " + plan.qualifiedTarget() + " SET discount = discount + 0.01 WHERE id = 3");
    }
    assertThatThrownBy(() -> copier.verify(task))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("Customers.Customer")
        .hasMessageContaining("checksum");
  }

  @Test
  void foreignKeysAreDroppedWithTheirDefinitionsAndRestored() throws Exception {
    SampleSource source = SampleSource.small();
    sources.add(source);
    SampleMigration migration =
        SampleMigration.create(source, EmbeddedStage.newDatabase(), MIGRATION);
    try (Connection stage = migration.stage().getConnection()) {
      Map<String, String> before = foreignKeys(stage, "customers");
      assertThat(before).containsOnlyKeys("customer_country_id_fk", "customer_note_customer_id_fk");
      assertThat(foreignKeys(stage, "orders")).containsOnlyKeys("order_line_order_id_fk");

      ForeignKeys.drop(stage, "customers", MIGRATION);
      assertThat(foreignKeys(stage, "customers")).isEmpty();
      assertThat(foreignKeys(stage, "orders")).hasSize(1);
      assertThat(
              count(
                  stage,
                  "SELECT count(*) FROM odc_catalog.dropped_foreign_key WHERE schema_name = 'customers'"))
          .isEqualTo(2);
      ForeignKeys.drop(stage, "customers", MIGRATION); // a retried drop finds nothing more to do
      assertThat(count(stage, "SELECT count(*) FROM odc_catalog.dropped_foreign_key")).isEqualTo(2);

      ForeignKeys.restore(stage, "customers");
      assertThat(foreignKeys(stage, "customers")).isEqualTo(before);
      assertThat(count(stage, "SELECT count(*) FROM odc_catalog.dropped_foreign_key")).isZero();

      ForeignKeys.drop(stage, "customers", MIGRATION);
      try (Statement st = stage.createStatement()) {
        st.execute(
            "INSERT INTO customers.customer_note (customer_id, body, created_on) VALUES (424242, 'orphan', now())");
      }
      assertThatThrownBy(() -> ForeignKeys.restore(stage, "customers"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("customer_note_customer_id_fk");
      // Nothing was half restored: the definitions stay recorded for the next attempt.
      assertThat(foreignKeys(stage, "customers")).isEmpty();
      assertThat(count(stage, "SELECT count(*) FROM odc_catalog.dropped_foreign_key")).isEqualTo(2);
      try (Statement st = stage.createStatement()) {
        st.execute("DELETE FROM customers.customer_note WHERE customer_id = 424242");
      }
      ForeignKeys.restore(stage, "customers");
      assertThat(foreignKeys(stage, "customers")).isEqualTo(before);
    }
  }

  /**
   * Counts, in the stage, every row inserted into an entity table by a transaction that committed,
   * whatever the copier reports: rolled back batches leave nothing in the count.
   */
  private static void countCommittedInserts(SampleMigration migration, EntityPlan plan)
      throws SQLException {
    try (Connection stage = migration.stage().getConnection();
        Statement st = stage.createStatement()) {
      st.execute("CREATE TABLE committed_inserts (n bigint NOT NULL)");
      st.execute(
          "CREATE FUNCTION count_inserts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
              + " INSERT INTO committed_inserts SELECT count(*) FROM inserted; RETURN NULL; END $$");
      st.execute(
          "CREATE TRIGGER count_inserts AFTER INSERT ON "
              + plan.qualifiedTarget()
              + " REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION count_inserts()");
    }
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /** Foreign keys of a schema: name to definition. */
  private static Map<String, String> foreignKeys(Connection stage, String schema)
      throws SQLException {
    Map<String, String> keys = new TreeMap<>();
    try (PreparedStatement ps =
        stage.prepareStatement(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE contype = 'f' AND connamespace = ?::regnamespace")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return keys;
  }

  private static List<Object> column(Map<String, Map<String, Object>> rows, String column) {
    List<Object> values = new ArrayList<>();
    rows.values().forEach(row -> values.add(row.get(column)));
    return values;
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long sourceCount(SampleMigration migration, String sql) throws SQLException {
    try (Connection connection = migration.source().dataSource().getConnection()) {
      return count(connection, sql);
    }
  }

  private static void updateSource(SampleMigration migration, String sql, Object... parameters)
      throws SQLException {
    try (Connection connection = migration.source().dataSource().getConnection();
        PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }
}
