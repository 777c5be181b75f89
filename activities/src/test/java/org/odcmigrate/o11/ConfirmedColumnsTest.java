package org.odcmigrate.o11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.config.ValuePolicy;
import org.odcmigrate.config.ValuePolicy.NulCharacters;
import org.odcmigrate.config.ValuePolicy.NullValues;
import org.odcmigrate.copy.DataRejectedException;
import org.odcmigrate.copy.EntityCopier;
import org.odcmigrate.fixtures.ConfirmedSource;
import org.odcmigrate.fixtures.CopiedRows;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.migration.CopyProgress;
import org.odcmigrate.migration.CopyTask;
import org.odcmigrate.migration.EntityResult;
import org.odcmigrate.migration.KeyRange;
import org.odcmigrate.plan.ColumnPlan;
import org.odcmigrate.plan.EntityPlan;
import org.odcmigrate.users.EndUser;
import org.odcmigrate.users.O11Users;

/**
 * An O11 database made only of the platform columns public sources confirm, with its app's tables
 * in another catalog and the values real O11 data holds: read, converted and migrated.
 *
 * <p>A behaviour test spanning O11Metadata, PlatformSchema, ModelConverter and the copy engine;
 * named for the source it reads.
 */
class ConfirmedColumnsTest {

  private static final Consumer<CopyProgress> IGNORE = p -> {};
  private static final ValuePolicy REPLACE =
      new ValuePolicy(NullValues.DEFAULT, NulCharacters.REPLACE);

  private final List<SampleSource> sources = new ArrayList<>();

  @AfterEach
  void close() {
    sources.forEach(SampleSource::close);
  }

  private SampleSource source() {
    SampleSource source = ConfirmedSource.create();
    sources.add(source);
    return source;
  }

  private static O11Model read(SampleSource source) throws SQLException {
    try (Connection c = source.dataSource().getConnection()) {
      return O11Metadata.read(c);
    }
  }

  @Test
  void readsTheModelAndSaysWhatItDerived() throws Exception {
    O11Model model = read(source());
    O11Module inventory = model.moduleNamed(ConfirmedSource.MODULE).orElseThrow();
    O11Entity item =
        inventory.entities().stream()
            .filter(e -> e.name().equals("Item"))
            .findFirst()
            .orElseThrow();
    assertThat(item.physicalTable())
        .isEqualTo(ConfirmedSource.CATALOG + "." + ConfirmedSource.ITEM_TABLE);
    assertThat(item.multitenant()).as("TENANT_ID column in the physical table").isTrue();
    assertThat(inventory.defaultUserProvider()).isTrue();
    // Attribute order is by Id: LongA (26) before LongB (27) although LongB was inserted first.
    List<String> names = item.attributes().stream().map(O11Attribute::name).toList();
    assertThat(names.indexOf(ConfirmedSource.LONG_A))
        .isLessThan(names.indexOf(ConfirmedSource.LONG_B));
    assertThat(names).startsWith("Id", "Name", "Notes");
    O11Entity note =
        inventory.entities().stream()
            .filter(e -> e.name().equals("Note"))
            .findFirst()
            .orElseThrow();
    assertThat(note.multitenant()).isFalse();
    assertThat(note.attributes())
        .extracting(O11Attribute::name)
        .containsExactly("Id", "Body", "Title");
    assertThat(model.target(model.userEntity()).orElseThrow().physicalTable())
        .isEqualTo("ossys_User");
    assertThat(model.derived())
        .hasSize(4)
        .anySatisfy(d -> assertThat(d).startsWith("multi-tenancy").contains("TENANT_ID"))
        .anySatisfy(d -> assertThat(d).startsWith("end users' tenant"))
        .anySatisfy(d -> assertThat(d).startsWith("user provider"))
        .anySatisfy(d -> assertThat(d).startsWith("attribute order").contains("Id"));
  }

  @Test
  void withoutAColumnNameTheTablesOwnColumnsNameTheAttributes() throws Exception {
    SampleSource source = source();
    O11Model withNames = read(source);
    try (Connection c = source.dataSource().getConnection();
        Statement st = c.createStatement()) {
      st.execute("ALTER TABLE [ossys_Entity_Attr] DROP COLUMN [Database_Name]");
    }
    O11Model derived = read(source);
    assertThat(derived.modules()).isEqualTo(withNames.modules());
    assertThat(derived.derived()).anySatisfy(d -> assertThat(d).startsWith("attribute columns"));
  }

  @Test
  void endUsersAreThoseOfTheUsersTenant() throws Exception {
    try (Connection c = source().dataSource().getConnection()) {
      assertThat(O11Users.read(c)).extracting(EndUser::username).containsExactly("alice", "bob");
    }
  }

  @Test
  void migratesEveryEntityWithEveryValueAsTheAppsReadIt() throws Exception {
    SampleMigration migration = migrate(source());
    EntityCopier copier = copier(migration, REPLACE);
    Map<String, EntityResult> results = new TreeMap<>();
    for (EntityPlan plan : migration.plan().entities()) {
      String entity = plan.ref().entityName();
      EntityResult result =
          copyAll(copier, migration.task(ConfirmedSource.MODULE, entity, 2, 1_000_000));
      assertThat(result.status()).as(entity).isEqualTo(EntityResult.Status.COMPLETED);
      assertThat(result.rowsWritten())
          .as(entity)
          .isEqualTo(migration.source().rows(ConfirmedSource.MODULE, entity));
      long nulled = CopiedRows.assertMatchesSource(migration, plan, ZoneOffset.UTC);
      assertThat(result.nulledReferences()).as(entity).isEqualTo(nulled);
      results.put(entity, result);
    }
    assertThat(results).containsOnlyKeys("Item", "Note");
    EntityResult item = results.get("Item");
    assertThat(item.nullsByAttribute())
        .isEqualTo(
            Map.ofEntries(
                Map.entry("Name", 2L),
                Map.entry("Notes", 1L),
                Map.entry("Quantity", 1L),
                Map.entry("Stock", 2L),
                Map.entry("Active", 1L),
                Map.entry("CreatedOn", 2L),
                Map.entry("Day", 1L),
                Map.entry("At", 2L),
                Map.entry("Price", 1L),
                Map.entry("Cost", 2L),
                Map.entry("Contact", 2L),
                Map.entry("Phone", 2L),
                Map.entry("Photo", 2L),
                Map.entry(ConfirmedSource.LONG_A, 2L),
                Map.entry(ConfirmedSource.LONG_B, 2L)));
    // Owner: carol (other tenant) and user 99 (nobody), and nobody is migrated here; Unit: the
    // deleted Crate.
    assertThat(item.nulledByAttribute()).isEqualTo(Map.of("Owner", 3L, "Unit", 1L));
    EntityResult note = results.get("Note");
    assertThat(note.nullsByAttribute()).isEqualTo(Map.of("Title", 1L));
    assertThat(note.nulCharactersByAttribute()).isEqualTo(Map.of("Body", 3L, "Title", 1L));
    assertThat(note.rewrittenValues())
        .isEqualTo("Title: 1 NULL, Body: 3 U+0000 replaced, Title: 1 U+0000 replaced");

    // The two attributes sharing their first 63 characters have columns of their own, both filled.
    EntityPlan itemPlan = migration.entityPlan(ConfirmedSource.MODULE, "Item");
    List<String> longColumns =
        itemPlan.columns().stream()
            .filter(c -> c.attribute().startsWith(ConfirmedSource.LONG_PREFIX))
            .map(ColumnPlan::targetColumn)
            .toList();
    assertThat(longColumns).hasSize(2).doesNotHaveDuplicates();
    try (Connection stage = migration.stage().getConnection();
        Statement st = stage.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT \""
                    + longColumns.get(0)
                    + "\", \""
                    + longColumns.get(1)
                    + "\" FROM "
                    + itemPlan.qualifiedTarget()
                    + " WHERE id = 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(List.of(rs.getInt(1), rs.getInt(2))).containsExactly(7, 8);
    }
  }

  @Test
  void nullValuesRejectStopsTheEntityNamingTheValue() throws Exception {
    SampleMigration migration = migrate(source());
    EntityCopier copier =
        copier(migration, new ValuePolicy(NullValues.REJECT, NulCharacters.REJECT));
    assertThatThrownBy(
            () -> copyAll(copier, migration.task(ConfirmedSource.MODULE, "Item", 100, 1_000_000)))
        .isInstanceOf(DataRejectedException.class)
        .hasMessage(
            ConfirmedSource.CATALOG
                + "."
                + ConfirmedSource.ITEM_TABLE
                + ".NAME at ID = 2 is NULL, which O11"
                + " never writes outside references: set a value in O11, then start the migration again");
  }

  @Test
  void nullValuesKeepWritesNullWhereTheStageAcceptsIt() throws Exception {
    SampleMigration migration = migrate(source());
    EntityPlan plan = migration.entityPlan(ConfirmedSource.MODULE, "Item");
    try (Connection stage = migration.stage().getConnection();
        Statement st = stage.createStatement()) {
      for (ColumnPlan column : plan.columns()) {
        if (!column.identifier()) {
          st.execute(
              "ALTER TABLE "
                  + plan.qualifiedTarget()
                  + " ALTER COLUMN \""
                  + column.targetColumn()
                  + "\" DROP NOT NULL");
        }
      }
    }
    EntityCopier copier = copier(migration, new ValuePolicy(NullValues.KEEP, NulCharacters.REJECT));
    EntityResult result =
        copyAll(copier, migration.task(ConfirmedSource.MODULE, "Item", 100, 1_000_000));
    assertThat(result.status()).isEqualTo(EntityResult.Status.COMPLETED);
    assertThat(result.nullsByAttribute())
        .containsEntry("Name", 2L)
        .containsEntry("Photo", 2L)
        .hasSize(15);
    try (Connection stage = migration.stage().getConnection();
        Statement st = stage.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM "
                    + plan.qualifiedTarget()
                    + " WHERE name IS NULL AND photo IS NULL AND created_on IS NULL AND price IS NULL AND active IS NULL")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(1);
    }
  }

  @Test
  void nulCharactersAreRejectedByDefault() throws Exception {
    SampleMigration migration = migrate(source());
    EntityCopier copier = copier(migration, ValuePolicy.defaults());
    assertThatThrownBy(
            () -> copyAll(copier, migration.task(ConfirmedSource.MODULE, "Note", 100, 1_000_000)))
        .isInstanceOf(DataRejectedException.class)
        .hasMessageContaining(
            ConfirmedSource.NOTE_TABLE + ".BODY at ID = 1 holds the character U+0000");
  }

  private SampleMigration migrate(SampleSource source) throws SQLException {
    SampleMigration migration =
        SampleMigration.create(source, EmbeddedStage.newDatabase(), "confirmed-1");
    migration.dropForeignKeys();
    return migration;
  }

  private static EntityCopier copier(SampleMigration migration, ValuePolicy policy) {
    return new EntityCopier(migration.source().dataSource(), migration.stage(), ZoneOffset.UTC)
        .withValues(policy);
  }

  private static EntityResult copyAll(EntityCopier copier, CopyTask task) throws Exception {
    for (KeyRange range : copier.prepare(task)) {
      copier.copyRange(task, range, IGNORE);
    }
    return copier.verify(task);
  }
}
