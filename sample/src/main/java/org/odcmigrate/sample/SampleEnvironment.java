package org.odcmigrate.sample;

import static org.odcmigrate.sample.SampleModel.quote;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.odcmigrate.sample.SampleModel.Attribute;
import org.odcmigrate.sample.SampleModel.Entity;
import org.odcmigrate.sample.SampleModel.Module;
import org.odcmigrate.sample.SampleModel.Role;
import org.odcmigrate.sample.SampleRows.Rows;

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

  private static final int BATCH_SIZE = 500;

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
  private final Map<String, Long> rowCounts = new LinkedHashMap<>();

  private SampleEnvironment(Connection connection, SampleSize size) {
    this.connection = connection;
    this.model = new SampleModel(size.seed());
    this.rows = new SampleRows(size.seed(), size.rowsPerEntity());
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
    for (String ddl : SampleModel.PLATFORM_TABLES_DDL) {
      execute(ddl);
    }
    Map<String, Integer> espaceIds = insertModules();
    int tenantId = insertTenants(espaceIds.get(model.module(SampleModel.USERS).ssKey()));
    insertEntities(espaceIds);
    List<Integer> roleIds = insertRoles(espaceIds);
    connection.commit();
    // Metadata goes first so that a failed run still lists its tables for the next run to drop.
    for (Entity entity : model.entities) {
      execute(entity.createTableSql());
    }
    connection.commit();

    Entity user = model.entity("ServiceCenter.User");
    int[] userIds = toInts(insertAndReadIds(user, rows.users(tenantId)));
    insert("ossys_User_Role", rows.userRoles(userIds, roleIds));
    CountryIds countryIds =
        insertCountries(espaceIds.get(model.module(SampleModel.CUSTOMERS).ssKey()));

    Entity customer = model.entity("Customers.Customer");
    long[] customerIds =
        insertAndReadIds(
            customer, rows.customers(userIds, countryIds.live(), countryIds.deleted()));
    insertData(model.entity("Customers.CustomerNote"), rows.customerNotes(customerIds, tenantId));
    insertData(model.entity("Customers.UserProfile"), rows.userProfiles(userIds));
    insertData(model.entity("Catalog.Product"), rows.products());
    insertData(model.entity("Catalog.Warehouse"), rows.warehouses());
    long[] orderIds = insertAndReadIds(model.entity("Orders.Order"), rows.orders(customerIds));
    insertData(model.entity("Orders.OrderLine"), rows.orderLines(orderIds, rows.productCount()));
    insertData(model.entity("LegacyReports.Report"), rows.reports());

    if (H2SqlServer.isH2(connection)) {
      H2SqlServer.registerSqlServerFunctions(connection);
    }
    connection.commit();
    Map<String, String> tables = new LinkedHashMap<>();
    model.entities.forEach(entity -> tables.put(entity.key(), entity.table()));
    return new Result(SampleModel.APP_MODULES, tables, rowCounts);
  }

  /**
   * Drops the tables a previous sample recorded in ossys_Entity, its current tables and the
   * platform's.
   */
  private void dropPreviousSample() throws SQLException {
    Set<String> tables = new LinkedHashSet<>();
    if (tableExists("ossys_Espace")) {
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
    if (tableExists("ossys_Entity")) {
      try (Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery("SELECT [Physical_Table_Name] FROM [ossys_Entity]")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    }
    model.entities.forEach(entity -> tables.add(entity.table()));
    tables.addAll(SampleModel.PLATFORM_TABLES);
    for (String table : tables) {
      execute("DROP TABLE IF EXISTS " + quote(table));
    }
    connection.commit();
  }

  private Map<String, Integer> insertModules() throws SQLException {
    List<Map<String, Object>> espaces = new ArrayList<>();
    for (Module module : model.modules) {
      espaces.add(
          row(
              "Name",
              module.name(),
              "SS_Key",
              module.ssKey(),
              "Is_Active",
              module.active(),
              "Is_System",
              module.system(),
              "EspaceKind",
              "eSpace",
              // NULL: the module's end users come from the default Users provider.
              "User_Provider_Espace_Id",
              SampleValues.NULL_INT));
    }
    insert("ossys_Espace", Rows.of(espaces));
    return idsByKey("ossys_Espace");
  }

  /** The default tenant "Users" holds all data; a second tenant exists but holds nothing. */
  private int insertTenants(int usersEspaceId) throws SQLException {
    insert(
        "ossys_Tenant",
        Rows.of(
            List.of(
                row(
                    "Name",
                    "Users",
                    "Espace_Id",
                    usersEspaceId,
                    "Is_Active",
                    true,
                    "Is_Default",
                    true),
                row(
                    "Name",
                    "Branch Office",
                    "Espace_Id",
                    usersEspaceId,
                    "Is_Active",
                    true,
                    "Is_Default",
                    false))));
    return (int) readIds("SELECT [Id] FROM [ossys_Tenant] WHERE [Name] = 'Users'")[0];
  }

  private void insertEntities(Map<String, Integer> espaceIds) throws SQLException {
    List<Map<String, Object>> entities = new ArrayList<>();
    for (Entity entity : model.entities) {
      entities.add(
          row(
              "Name",
              entity.name(),
              "Physical_Table_Name",
              entity.table(),
              "Espace_Id",
              espaceIds.get(entity.module().ssKey()),
              "SS_Key",
              entity.ssKey(),
              "PrimaryKey_SS_Key",
              entity.identifier().ssKey(),
              "Is_Active",
              true,
              "Is_System",
              entity.system(),
              "Data_Kind",
              entity.dataKind(),
              "Is_Multitenant",
              entity.multitenant()));
    }
    insert("ossys_Entity", Rows.of(entities));
    Map<String, Integer> entityIds = idsByKey("ossys_Entity");
    List<Map<String, Object>> attributes = new ArrayList<>();
    for (Entity entity : model.entities) {
      int position = 0;
      for (Attribute attribute : entity.attributes()) {
        attributes.add(
            row(
                "Entity_Id",
                entityIds.get(entity.ssKey()),
                "Name",
                attribute.name(),
                "SS_Key",
                attribute.ssKey(),
                "Database_Name",
                attribute.column(),
                "Type",
                attribute.o11Type(),
                "Length",
                attribute.length(),
                "Decimals",
                attribute.decimals(),
                "Is_Mandatory",
                attribute.mandatory(),
                "Is_AutoNumber",
                attribute.autoNumber(),
                "Delete_Rule",
                attribute.deleteRule() == null ? SampleValues.NULL_TEXT : attribute.deleteRule(),
                "Is_Active",
                attribute.active(),
                "Position",
                position++));
      }
    }
    insert("ossys_Entity_Attr", Rows.of(attributes));
  }

  private List<Integer> insertRoles(Map<String, Integer> espaceIds) throws SQLException {
    List<Map<String, Object>> roles = new ArrayList<>();
    for (Role role : model.roles) {
      roles.add(
          row(
              "Name",
              role.name(),
              "SS_Key",
              role.ssKey(),
              "Espace_Id",
              espaceIds.get(role.module().ssKey()),
              "Is_Active",
              role.active()));
    }
    insert("ossys_Role", Rows.of(roles));
    Map<String, Integer> roleIds = idsByKey("ossys_Role");
    return model.roles.stream().map(role -> roleIds.get(role.ssKey())).toList();
  }

  /** Ids of the static Country records: those with a physical row, and the deleted one. */
  private record CountryIds(int[] live, int deleted) {}

  /**
   * Inserts the static Country records, then deletes one physical row while its ossys_Entity_Record
   * stays (inactive): app rows keep referencing a missing static record.
   */
  private CountryIds insertCountries(int espaceId) throws SQLException {
    Entity country = model.entity("Customers.Country");
    insertData(country, rows.countries());
    Map<String, Integer> idsByCode = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT [ID], [CODE] FROM " + quote(country.table()))) {
      while (rs.next()) {
        idsByCode.put(rs.getString(2), rs.getInt(1));
      }
    }
    List<Map<String, Object>> records = new ArrayList<>();
    for (Map.Entry<String, Integer> record : idsByCode.entrySet()) {
      records.add(
          row(
              "Entity_SS_Key",
              country.ssKey(),
              "Espace_Id",
              espaceId,
              "Data_Id",
              record.getValue(),
              "SS_Key",
              SampleModel.ssKey("record", country.key() + "." + record.getKey()),
              "Is_Active",
              !record.getKey().equals(SampleRows.DELETED_COUNTRY_CODE)));
    }
    insert("ossys_Entity_Record", Rows.of(records));
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM " + quote(country.table()) + " WHERE [CODE] = ?")) {
      delete.setString(1, SampleRows.DELETED_COUNTRY_CODE);
      rowCounts.merge(country.table(), (long) -delete.executeUpdate(), Long::sum);
    }
    connection.commit();
    int deleted = idsByCode.remove(SampleRows.DELETED_COUNTRY_CODE);
    return new CountryIds(
        idsByCode.values().stream().mapToInt(Integer::intValue).toArray(), deleted);
  }

  private long[] insertAndReadIds(Entity entity, Rows data) throws SQLException {
    insertData(entity, data);
    String id = quote(entity.identifier().column());
    return readIds("SELECT " + id + " FROM " + quote(entity.table()) + " ORDER BY " + id);
  }

  private void insertData(Entity entity, Rows data) throws SQLException {
    rowCounts.merge(entity.table(), insert(entity.table(), data), Long::sum);
  }

  /** Batch insert; every row must have the same columns as the first one. */
  private long insert(String table, Rows data) throws SQLException {
    if (data.count() == 0) {
      return 0;
    }
    Map<String, Object> first = data.row().apply(0);
    List<String> columns = List.copyOf(first.keySet());
    String sql =
        "INSERT INTO "
            + quote(table)
            + " ("
            + String.join(", ", columns.stream().map(SampleModel::quote).toList())
            + ") VALUES ("
            + String.join(", ", Collections.nCopies(columns.size(), "?"))
            + ")";
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      for (int i = 0; i < data.count(); i++) {
        Map<String, Object> values = i == 0 ? first : data.row().apply(i);
        if (!values.keySet().equals(first.keySet())) {
          throw new IllegalStateException(
              "Row "
                  + i
                  + " of "
                  + table
                  + " has columns "
                  + values.keySet()
                  + " instead of "
                  + columns);
        }
        for (int c = 0; c < columns.size(); c++) {
          bind(insert, c + 1, values.get(columns.get(c)));
        }
        insert.addBatch();
        if ((i + 1) % BATCH_SIZE == 0) {
          insert.executeBatch();
          connection.commit();
        }
      }
      insert.executeBatch();
      connection.commit();
    }
    return data.count();
  }

  private static void bind(PreparedStatement statement, int index, Object value)
      throws SQLException {
    if (value instanceof SampleValues.Null typedNull) {
      statement.setNull(index, typedNull.jdbcType());
    } else if (value instanceof byte[] bytes) {
      statement.setBytes(index, bytes);
    } else if (value instanceof BigDecimal decimal) {
      statement.setBigDecimal(index, decimal);
    } else if (value instanceof String text) {
      statement.setString(index, text);
    } else {
      // Integer, Long, Boolean and LocalDateTime: java.time avoids any JVM time-zone shift.
      statement.setObject(index, value);
    }
  }

  private Map<String, Integer> idsByKey(String table) throws SQLException {
    Map<String, Integer> ids = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT [Id], [SS_Key] FROM " + quote(table))) {
      while (rs.next()) {
        ids.put(rs.getString(2), rs.getInt(1));
      }
    }
    return ids;
  }

  private long[] readIds(String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      return readIds(statement);
    }
  }

  private static long[] readIds(PreparedStatement statement) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids.stream().mapToLong(Long::longValue).toArray();
  }

  private boolean tableExists(String table) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = ?")) {
      statement.setString(1, table);
      return readIds(statement)[0] > 0;
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static int[] toInts(long[] values) {
    return Arrays.stream(values).mapToInt(Math::toIntExact).toArray();
  }

  private static Map<String, Object> row(Object... namesAndValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      row.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return row;
  }
}
