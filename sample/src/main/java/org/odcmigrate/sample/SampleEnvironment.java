package org.odcmigrate.sample;

import static org.odcmigrate.sample.SampleSchema.quote;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.odcmigrate.sample.SampleSchema.Entity;

/**
 * Creates a sample O11 environment (platform metadata, end users, roles and the apps Customers,
 * Orders and Catalog with edge-case data) in an empty SQL Server or H2 (MODE=MSSQLServer) database.
 *
 * <p>A previous sample in the same database is dropped and re-created; a database holding modules
 * the sample did not create is refused. Identity columns are never given explicit values: H2 has no
 * SET IDENTITY_INSERT, so the database assigns ids 1..n in insertion order on both engines, and the
 * ids that later rows reference are read back.
 */
public final class SampleEnvironment {

  /** How much data to generate; the same seed always yields the same environment. */
  public record SampleSize(int rowsPerEntity, long seed) {
    public SampleSize {
      if (rowsPerEntity < 1) {
        throw new IllegalArgumentException(
            "rowsPerEntity must be at least 1, was " + rowsPerEntity);
      }
    }

    /** About 50 rows per entity: quick to create and holding every edge value. */
    public static SampleSize small() {
      return new SampleSize(50, 11L);
    }
  }

  /**
   * What was created: the app module names, the physical table of every entity by "Module.Entity",
   * and the rows in each of those tables.
   */
  public record Result(
      List<String> appModules, Map<String, String> physicalTables, Map<String, Long> rowCounts) {
    public Result {
      appModules = List.copyOf(appModules);
      physicalTables = Collections.unmodifiableMap(new LinkedHashMap<>(physicalTables));
      rowCounts = Collections.unmodifiableMap(new LinkedHashMap<>(rowCounts));
    }

    public String physicalTable(String module, String entity) {
      String table = physicalTables.get(module + "." + entity);
      if (table == null) {
        throw new IllegalArgumentException("The sample has no entity " + module + "." + entity);
      }
      return table;
    }
  }

  private final Connection connection;
  private final SampleModel model;
  private final SampleRows rows;
  private final SampleOrderRows orderRows;
  private final SampleWriter writer;
  private final SamplePlatform platform;

  private SampleEnvironment(Connection connection, SampleSize size) {
    this.connection = connection;
    this.model = new SampleModel(size.seed());
    this.rows = new SampleRows(size.seed(), size.rowsPerEntity());
    this.orderRows = new SampleOrderRows(size.seed(), size.rowsPerEntity());
    this.writer = new SampleWriter(connection);
    this.platform = new SamplePlatform(writer, model, rows);
  }

  public static Result create(DataSource dataSource, SampleSize size) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return create(connection, size);
    }
  }

  public static Result create(Connection connection, SampleSize size) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      return new SampleEnvironment(connection, size).build();
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private Result build() throws SQLException {
    dropPreviousSample();
    for (String ddl : SampleSchema.PLATFORM_TABLES_DDL) {
      writer.execute(ddl);
    }
    Map<String, Integer> espaceIds = platform.insertModules();
    int tenantId = platform.insertTenants(espaceIds.get(model.module(SampleModel.USERS).ssKey()));
    platform.insertEntities(espaceIds);
    List<Integer> roleIds = platform.insertRoles(espaceIds);
    connection.commit();
    // Metadata goes first so that a failed run still lists its tables for the next run to drop.
    for (Entity entity : model.entities) {
      writer.execute(entity.createTableSql());
    }
    connection.commit();

    Entity user = model.entity("ServiceCenter.User");
    int[] userIds = SampleWriter.toInts(writer.insertAndReadIds(user, rows.users(tenantId)));
    writer.insert("ossys_User_Role", rows.userRoles(userIds, roleIds));
    SamplePlatform.CountryIds countryIds =
        platform.insertCountries(espaceIds.get(model.module(SampleModel.CUSTOMERS).ssKey()));

    Entity customer = model.entity("Customers.Customer");
    long[] customerIds =
        writer.insertAndReadIds(
            customer, rows.customers(userIds, countryIds.live(), countryIds.deleted()));
    writer.insertData(
        model.entity("Customers.CustomerNote"), rows.customerNotes(customerIds, tenantId));
    writer.insertData(model.entity("Customers.UserProfile"), rows.userProfiles(userIds));
    writer.insertData(model.entity("Catalog.Product"), orderRows.products());
    writer.insertData(model.entity("Catalog.Warehouse"), orderRows.warehouses());
    long[] orderIds =
        writer.insertAndReadIds(model.entity("Orders.Order"), orderRows.orders(customerIds));
    writer.insertData(
        model.entity("Orders.OrderLine"), orderRows.orderLines(orderIds, orderRows.productCount()));
    writer.insertData(model.entity("LegacyReports.Report"), orderRows.reports());

    if (H2SqlServer.isH2(connection)) {
      H2SqlServer.registerSqlServerFunctions(connection);
    }
    connection.commit();
    Map<String, String> tables = new LinkedHashMap<>();
    model.entities.forEach(entity -> tables.put(entity.key(), entity.table()));
    return new Result(SampleModel.APP_MODULES, tables, writer.rowCounts());
  }

  /**
   * Drops the tables a previous sample recorded in ossys_Entity, its current tables and the
   * platform's.
   */
  private void dropPreviousSample() throws SQLException {
    Set<String> tables = new LinkedHashSet<>();
    if (writer.tableExists("ossys_Espace")) {
      Set<String> foreign = new TreeSet<>();
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT [Name], [SS_Key] FROM [ossys_Espace]")) {
        while (rs.next()) {
          if (!model.moduleKeys().contains(rs.getString(2))) {
            foreign.add(rs.getString(1));
          }
        }
      }
      if (!foreign.isEmpty()) {
        throw new IllegalStateException(
            "Refusing to create the sample environment: this database"
                + " holds O11 modules the sample did not create "
                + foreign
                + "; use an empty database");
      }
    }
    if (writer.tableExists("ossys_Entity")) {
      try (Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery("SELECT [Physical_Table_Name] FROM [ossys_Entity]")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    }
    model.entities.forEach(entity -> tables.add(entity.table()));
    tables.addAll(SampleSchema.PLATFORM_TABLES);
    for (String table : tables) {
      writer.execute("DROP TABLE IF EXISTS " + quote(table));
    }
    connection.commit();
  }
}
