package org.odcmigrate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.odcmigrate.sample.SampleEnvironment.Result;
import org.odcmigrate.sample.SampleEnvironment.SampleSize;

class SampleEnvironmentTest {

  private static final BigDecimal CURRENCY_MAX =
      new BigDecimal("99999999999999999999999999999.99999999");
  private static final int LARGE_BINARY = 100 * 1024;

  private static Connection db;
  private static Result sample;

  @BeforeAll
  static void createSample() throws SQLException {
    db = open();
    sample = SampleEnvironment.create(db, SampleSize.small());
  }

  @AfterAll
  static void close() throws SQLException {
    db.close();
  }

  @Test
  void createsTheAppModulesBesideTheSystemAndADeletedModule() throws SQLException {
    assertThat(sample.appModules()).containsExactly("Customers", "Orders", "Catalog");
    assertThat(
            strings(
                db,
                "SELECT [Name] FROM [ossys_Espace] WHERE [Is_Active] = 1 AND [Is_System] = 0"
                    + " AND [EspaceKind] = 'eSpace' AND [User_Provider_Espace_Id] IS NULL"))
        .containsExactlyInAnyOrder("Customers", "Orders", "Catalog");
    assertThat(strings(db, "SELECT [Name] FROM [ossys_Espace] WHERE [Is_System] = 1"))
        .containsExactlyInAnyOrder("ServiceCenter", "Users");
    // Names resolve case-insensitively, as under SQL Server's usual collation.
    assertThat(count(db, "SELECT COUNT(*) FROM OSSYS_ESPACE WHERE IS_ACTIVE = 0")).isEqualTo(1);
    assertThat(
            strings(
                db,
                "SELECT e.[Physical_Table_Name] FROM [ossys_Entity] e"
                    + " JOIN [ossys_Espace] m ON m.[Id] = e.[Espace_Id] WHERE m.[Is_Active] = 0"))
        .containsExactly(sample.physicalTable("LegacyReports", "Report"));
    assertThat(
            count(
                db,
                "SELECT COUNT(*) FROM [" + sample.physicalTable("LegacyReports", "Report") + "]"))
        .isPositive();
    assertThat(
            strings(
                db,
                "SELECT [Physical_Table_Name] FROM [ossys_Entity] e JOIN [ossys_Espace] m"
                    + " ON m.[Id] = e.[Espace_Id] WHERE m.[Name] = 'ServiceCenter' AND e.[Name] = 'User'"
                    + " AND e.[Is_System] = 1"))
        .containsExactly("ossys_User");
  }

  @Test
  void physicalTablesAreNamedLikeO11() {
    sample
        .physicalTables()
        .forEach(
            (entity, table) -> {
              if (!entity.startsWith("ServiceCenter.")) {
                String name = entity.substring(entity.indexOf('.') + 1).toUpperCase(Locale.ROOT);
                assertThat(table).matches("OSUSR_[0-9A-Z]{3}_" + name);
              }
            });
    assertThat(sample.physicalTables())
        .containsKeys(
            "Customers.Country",
            "Customers.Customer",
            "Customers.CustomerNote",
            "Orders.Order",
            "Orders.OrderLine",
            "Catalog.Product",
            "Catalog.Warehouse",
            "LegacyReports.Report",
            "ServiceCenter.User");
  }

  @Test
  void everyAttributeColumnExistsWithTheTypeO11Creates() throws SQLException {
    List<Map<String, Object>> attributes =
        rows(
            db,
            "SELECT e.[Physical_Table_Name] AS T, a.[Database_Name] AS C,"
                + " a.[Type] AS TYPE, a.[Length] AS L, a.[Decimals] AS D FROM [ossys_Entity_Attr] a"
                + " JOIN [ossys_Entity] e ON e.[Id] = a.[Entity_Id]");
    assertThat(attributes).hasSizeGreaterThan(40);
    for (Map<String, Object> attribute : attributes) {
      List<Map<String, Object>> columns =
          rows(
              db,
              "SELECT DATA_TYPE, CHARACTER_MAXIMUM_LENGTH,"
                  + " NUMERIC_PRECISION, NUMERIC_SCALE FROM INFORMATION_SCHEMA.COLUMNS"
                  + " WHERE TABLE_NAME = ? AND COLUMN_NAME = ?",
              attribute.get("T"),
              attribute.get("C"));
      assertThat(columns).as("column %s.%s", attribute.get("T"), attribute.get("C")).hasSize(1);
      String type = (String) attribute.get("TYPE");
      if (!type.startsWith("bt")) {
        assertPhysicalType(
            type,
            ((Number) attribute.get("L")).intValue(),
            ((Number) attribute.get("D")).intValue(),
            columns.get(0));
      }
    }
    assertThat(
            strings(
                db,
                "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = ?",
                sample.physicalTable("Customers", "CustomerNote")))
        .contains("TENANT_ID");
  }

  private static void assertPhysicalType(
      String o11Type, int length, int decimals, Map<String, Object> column) {
    String dataType = ((String) column.get("DATA_TYPE")).toLowerCase(Locale.ROOT);
    Number maxLength = (Number) column.get("CHARACTER_MAXIMUM_LENGTH");
    Number precision = (Number) column.get("NUMERIC_PRECISION");
    Number scale = (Number) column.get("NUMERIC_SCALE");
    String what = o11Type + " column " + column;
    switch (o11Type) {
      case "rtText" -> {
        assertThat(dataType).as(what).isIn("nvarchar", "character varying");
        if (length <= 2000) {
          assertThat(maxLength.intValue()).as(what).isEqualTo(length);
        } else {
          // nvarchar(max): -1 on SQL Server, H2's largest length on H2.
          assertThat(maxLength.longValue()).as(what).isIn(-1L, 1_000_000_000L);
        }
      }
      case "rtInteger" -> assertThat(dataType).as(what).isIn("int", "integer");
      case "rtLongInteger" -> assertThat(dataType).as(what).isEqualTo("bigint");
      case "rtBoolean" -> assertThat(dataType).as(what).isIn("bit", "boolean");
      case "rtDateTime", "rtDate", "rtTime" ->
          assertThat(dataType).as(what).isIn("datetime", "timestamp");
      case "rtDecimal", "rtCurrency" -> {
        assertThat(dataType).as(what).isIn("decimal", "numeric");
        assertThat(precision.intValue())
            .as(what)
            .isEqualTo(o11Type.equals("rtCurrency") ? 37 : length);
        assertThat(scale.intValue())
            .as(what)
            .isEqualTo(o11Type.equals("rtCurrency") ? 8 : decimals);
      }
      case "rtEmail", "rtPhoneNumber" -> {
        assertThat(dataType).as(what).isIn("varchar", "character varying");
        assertThat(maxLength.intValue()).as(what).isEqualTo(o11Type.equals("rtEmail") ? 250 : 20);
      }
      case "rtBinaryData" -> assertThat(dataType).as(what).isIn("varbinary", "binary varying");
      default -> throw new AssertionError("Unknown O11 type " + o11Type);
    }
  }

  @Test
  void everyO11TypeAppearsAndReferencesResolve() throws SQLException {
    assertThat(strings(db, "SELECT DISTINCT [Type] FROM [ossys_Entity_Attr] WHERE [Is_Active] = 1"))
        .contains(
            "rtText",
            "rtInteger",
            "rtLongInteger",
            "rtBoolean",
            "rtDateTime",
            "rtDate",
            "rtTime",
            "rtDecimal",
            "rtCurrency",
            "rtEmail",
            "rtPhoneNumber",
            "rtBinaryData");
    List<Map<String, Object>> references =
        rows(
            db,
            "SELECT a.[Name] AS N, a.[Type] AS T, a.[Delete_Rule] AS R"
                + " FROM [ossys_Entity_Attr] a WHERE a.[Type] LIKE 'bt%'");
    assertThat(references).hasSize(7);
    for (Map<String, Object> reference : references) {
      String[] keys = ((String) reference.get("T")).substring(2).split("\\*");
      assertThat(
              count(
                  db,
                  "SELECT COUNT(*) FROM [ossys_Entity] e JOIN [ossys_Espace] m ON m.[Id] = e.[Espace_Id]"
                      + " WHERE m.[SS_Key] = ? AND e.[SS_Key] = ?",
                  keys[0],
                  keys[1]))
          .as("%s", reference)
          .isEqualTo(1);
      assertThat((String) reference.get("R")).isIn("Protect", "Delete", "Ignore");
    }
    assertThat(
            strings(
                db,
                "SELECT t.[Name] FROM [ossys_Entity_Attr] a JOIN [ossys_Entity] e ON e.[Id] = a.[Entity_Id]"
                    + " JOIN [ossys_Espace] m ON m.[Id] = e.[Espace_Id]"
                    + " JOIN [ossys_Entity] t ON a.[Type] = CONCAT('bt', (SELECT s.[SS_Key] FROM [ossys_Espace] s"
                    + " WHERE s.[Id] = t.[Espace_Id]), '*', t.[SS_Key])"
                    + " WHERE e.[Name] = 'Customer' AND a.[Name] = 'CreatedBy' AND a.[Delete_Rule] = 'Ignore'"))
        .containsExactly("User");
    assertThat(
            count(
                db,
                "SELECT COUNT(*) FROM [ossys_Entity_Attr] WHERE [Type] NOT LIKE 'bt%'"
                    + " AND [Delete_Rule] IS NOT NULL"))
        .isZero();
  }

  @Test
  void theIdentifierResolvesThroughPrimaryKeySsKey() throws SQLException {
    List<Map<String, Object>> identifiers =
        rows(
            db,
            "SELECT e.[Name] AS E, a.[Name] AS A, a.[Type] AS T,"
                + " a.[Is_AutoNumber] AS AUTO, a.[Database_Name] AS C, e.[Physical_Table_Name] AS TBL"
                + " FROM [ossys_Entity] e JOIN [ossys_Entity_Attr] a"
                + " ON a.[Entity_Id] = e.[Id] AND a.[SS_Key] = e.[PrimaryKey_SS_Key]");
    assertThat(identifiers).hasSize(sample.physicalTables().size());
    Map<String, String> byEntity =
        identifiers.stream()
            .collect(
                Collectors.toMap(
                    row -> (String) row.get("E"),
                    row -> row.get("A") + ":" + row.get("T") + ":" + row.get("AUTO")));
    assertThat(byEntity)
        .containsEntry("Customer", "Id:rtLongInteger:true")
        .containsEntry("Country", "Id:rtInteger:true")
        .containsEntry("Product", "Sku:rtText:false")
        .containsEntry("Warehouse", "Id:rtInteger:false")
        .containsEntry("User", "Id:rtInteger:true");
    for (Map<String, Object> identifier : identifiers) {
      assertThat(
              strings(
                  db,
                  "SELECT k.COLUMN_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS c"
                      + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k ON k.CONSTRAINT_NAME = c.CONSTRAINT_NAME"
                      + " AND k.TABLE_NAME = c.TABLE_NAME WHERE c.CONSTRAINT_TYPE = 'PRIMARY KEY' AND c.TABLE_NAME = ?",
                  identifier.get("TBL")))
          .as("primary key of %s", identifier.get("TBL"))
          .containsExactly((String) identifier.get("C"));
    }
  }

  @Test
  void theDeletedAttributeStillHoldsData() throws SQLException {
    assertThat(
            rows(
                db,
                "SELECT a.[Database_Name] AS C, a.[Is_Active] AS ACTIVE FROM [ossys_Entity_Attr] a"
                    + " JOIN [ossys_Entity] e ON e.[Id] = a.[Entity_Id] WHERE e.[Name] = 'Customer' AND a.[Name] = 'LegacyCode'"))
        .containsExactly(Map.of("C", "LEGACYCODE", "ACTIVE", false));
    String customers = sample.physicalTable("Customers", "Customer");
    assertThat(count(db, "SELECT COUNT(*) FROM [" + customers + "] WHERE [LEGACYCODE] <> ''"))
        .isEqualTo(count(db, "SELECT COUNT(*) FROM [" + customers + "]"))
        .isEqualTo(50);
  }

  @Test
  void oneStaticRecordIsDeletedButStillReferenced() throws SQLException {
    String countries = sample.physicalTable("Customers", "Country");
    assertThat(
            count(
                db,
                "SELECT COUNT(*) FROM [ossys_Entity_Record] r JOIN [ossys_Entity] e"
                    + " ON e.[SS_Key] = r.[Entity_SS_Key] WHERE e.[Name] = 'Country' AND r.[Is_Active] = 1"))
        .isEqualTo(4);
    List<Long> deleted =
        longs(db, "SELECT [Data_Id] FROM [ossys_Entity_Record] WHERE [Is_Active] = 0");
    assertThat(deleted).hasSize(1);
    assertThat(count(db, "SELECT COUNT(*) FROM [" + countries + "] WHERE [ID] = ?", deleted.get(0)))
        .isZero();
    assertThat(
            count(
                db,
                "SELECT COUNT(*) FROM ["
                    + sample.physicalTable("Customers", "Customer")
                    + "]"
                    + " WHERE [COUNTRYID] = ?",
                deleted.get(0)))
        .isGreaterThanOrEqualTo(2);
    assertThat(
            count(
                db,
                "SELECT COUNT(*) FROM [ossys_Entity_Record] r WHERE r.[Is_Active] = 1 AND NOT EXISTS"
                    + " (SELECT 1 FROM ["
                    + countries
                    + "] c WHERE c.[ID] = r.[Data_Id])"))
        .isZero();
  }

  @Test
  void rowCountsMatchTheTables() throws SQLException {
    assertThat(sample.rowCounts()).containsOnlyKeys(sample.physicalTables().values());
    for (Map.Entry<String, Long> entry : sample.rowCounts().entrySet()) {
      assertThat(count(db, "SELECT COUNT(*) FROM [" + entry.getKey() + "]"))
          .as(entry.getKey())
          .isEqualTo(entry.getValue());
    }
    for (String entity :
        List.of(
            "Customers.Customer",
            "Customers.CustomerNote",
            "Orders.Order",
            "Orders.OrderLine",
            "Catalog.Product")) {
      assertThat(sample.rowCounts().get(sample.physicalTables().get(entity)))
          .as(entity)
          .isEqualTo(50);
    }
    assertThat(sample.rowCounts().get(sample.physicalTable("Customers", "Country"))).isEqualTo(4);
    assertThat(sample.rowCounts().get(sample.physicalTable("Catalog", "Warehouse")))
        .isBetween(1L, 50L);
  }

  @Test
  void usersHaveValidUniqueEmailsRolesAndOneTenant() throws SQLException {
    List<String> emails = strings(db, "SELECT [Email] FROM [ossys_User]");
    assertThat(emails)
        .hasSizeGreaterThanOrEqualTo(20)
        .allMatch(email -> email.matches("[A-Za-z0-9.+'_-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+"));
    assertThat(emails.stream().map(email -> email.toLowerCase(Locale.ROOT)).distinct())
        .hasSameSizeAs(emails);
    assertThat(count(db, "SELECT COUNT(*) FROM [ossys_User] WHERE [Is_Active] = 0"))
        .isBetween(1L, 5L);
    assertThat(
            rows(
                db,
                "SELECT [Id] AS ID, [Name] AS N, [Is_Default] AS D FROM [ossys_Tenant] ORDER BY [Id]"))
        .containsExactly(
            Map.of("ID", 1, "N", "Users", "D", true),
            Map.of("ID", 2, "N", "Branch Office", "D", false));
    assertThat(strings(db, "SELECT DISTINCT [Tenant_Id] FROM [ossys_User]")).containsExactly("1");
    assertThat(
            strings(
                db,
                "SELECT DISTINCT [TENANT_ID] FROM ["
                    + sample.physicalTable("Customers", "CustomerNote")
                    + "]"))
        .containsExactly("1");
    assertThat(
            strings(
                db,
                "SELECT DISTINCT m.[Name] FROM [ossys_Role] r JOIN [ossys_Espace] m"
                    + " ON m.[Id] = r.[Espace_Id] WHERE r.[Is_Active] = 1 AND m.[Is_Active] = 1"))
        .containsExactlyInAnyOrder("Customers", "Orders", "Catalog");
    assertThat(
            count(
                db,
                "SELECT COUNT(DISTINCT ur.[User_Id]) FROM [ossys_User_Role] ur"
                    + " JOIN [ossys_User] u ON u.[Id] = ur.[User_Id] JOIN [ossys_Role] r ON r.[Id] = ur.[Role_Id]"))
        .isGreaterThan(5);
  }

  @Test
  void noNullOutsideReferences() throws SQLException {
    List<Map<String, Object>> columns =
        rows(
            db,
            "SELECT e.[Physical_Table_Name] AS T, a.[Database_Name] AS C"
                + " FROM [ossys_Entity_Attr] a JOIN [ossys_Entity] e ON e.[Id] = a.[Entity_Id]"
                + " WHERE a.[Type] NOT LIKE 'bt%' AND a.[Name] <> 'External_Id'");
    for (Map<String, Object> column : columns) {
      assertThat(
              count(
                  db,
                  "SELECT COUNT(*) FROM ["
                      + column.get("T")
                      + "] WHERE ["
                      + column.get("C")
                      + "] IS NULL"))
          .as("NULLs in %s.%s", column.get("T"), column.get("C"))
          .isZero();
    }
  }

  @Test
  void textEdgeValuesArePresent() throws SQLException {
    String customers = sample.physicalTable("Customers", "Customer");
    List<String> names = strings(db, "SELECT [NAME] FROM [" + customers + "]");
    assertThat(names)
        .contains("Zoë O'Brien", "Émile \"Mimi\" Dupont", "Trailing space ")
        .anyMatch(name -> name.codePoints().anyMatch(cp -> cp > 0xFFFF))
        .anyMatch(name -> name.contains("\\"))
        .anyMatch(name -> name.contains("\t"))
        .anyMatch(name -> name.contains("\n"))
        .anyMatch(name -> name.length() == 100)
        .noneMatch(String::isEmpty);
    List<String> notes = strings(db, "SELECT [NOTES] FROM [" + customers + "]");
    assertThat(notes)
        .contains("")
        .filteredOn(note -> note.length() >= 3000 && note.length() <= 5000)
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(strings(db, "SELECT [EMAIL] FROM [" + customers + "]")).contains("");
    assertThat(
            strings(
                db,
                "SELECT [BODY] FROM [" + sample.physicalTable("Customers", "CustomerNote") + "]"))
        .contains("")
        .anyMatch(body -> body.length() == 2000);
    assertThat(
            strings(
                db, "SELECT [REFERENCE] FROM [" + sample.physicalTable("Orders", "Order") + "]"))
        .contains("", "ORD-'quoted'");
  }

  @Test
  void numericEdgeValuesArePresent() throws SQLException {
    String customers = sample.physicalTable("Customers", "Customer");
    assertThat(decimals(db, "SELECT [BALANCE] FROM [" + customers + "]"))
        .usingElementComparator(BigDecimal::compareTo)
        .contains(
            CURRENCY_MAX, CURRENCY_MAX.negate(), new BigDecimal("0.00000001"), BigDecimal.ZERO);
    assertThat(decimals(db, "SELECT [DISCOUNT] FROM [" + customers + "]"))
        .usingElementComparator(BigDecimal::compareTo)
        .contains(new BigDecimal("999.99"), new BigDecimal("-999.99"), BigDecimal.ZERO);
    assertThat(longs(db, "SELECT [STATUS] FROM [" + sample.physicalTable("Orders", "Order") + "]"))
        .contains(0L, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE);
    assertThat(
            longs(
                db, "SELECT [QUANTITY] FROM [" + sample.physicalTable("Orders", "OrderLine") + "]"))
        .contains(0L, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE);
    assertThat(
            longs(
                db,
                "SELECT [CAPACITY] FROM [" + sample.physicalTable("Catalog", "Warehouse") + "]"))
        .contains(Long.MIN_VALUE, Long.MAX_VALUE, 0L);
    assertThat(
            longs(
                db,
                "SELECT [ID] FROM ["
                    + sample.physicalTable("Catalog", "Warehouse")
                    + "] ORDER BY [ID]"))
        .startsWith(10L, 20L, 30L)
        .endsWith((long) Integer.MAX_VALUE);
    assertThat(strings(db, "SELECT DISTINCT [ISVIP] FROM [" + customers + "]"))
        .containsExactlyInAnyOrder("TRUE", "FALSE");
  }

  @Test
  void dateAndTimeEdgeValuesArePresent() throws SQLException {
    String customers = sample.physicalTable("Customers", "Customer");
    List<LocalDateTime> createdOn = dateTimes(db, "SELECT [CREATEDON] FROM [" + customers + "]");
    assertThat(createdOn)
        .contains(
            LocalDateTime.of(1900, 1, 1, 0, 0),
            LocalDateTime.of(2024, 2, 29, 23, 59, 59, 997_000_000),
            LocalDateTime.of(9999, 12, 31, 23, 59, 59, 997_000_000))
        .anyMatch(value -> value.getNano() == 3_000_000)
        .anyMatch(value -> value.getNano() == 7_000_000)
        .allMatch(value -> Set.of(0, 3, 7).contains(value.getNano() / 1_000_000 % 10));
    List<LocalDateTime> birthDates = dateTimes(db, "SELECT [BIRTHDATE] FROM [" + customers + "]");
    assertThat(birthDates)
        .allMatch(value -> value.toLocalTime().equals(LocalTime.MIDNIGHT))
        .contains(
            LocalDateTime.of(1900, 1, 1, 0, 0),
            LocalDate.of(9999, 12, 31).atStartOfDay(),
            LocalDate.of(2024, 2, 29).atStartOfDay());
    String orders = sample.physicalTable("Orders", "Order");
    assertThat(dateTimes(db, "SELECT [DELIVERYTIME] FROM [" + orders + "]"))
        .allMatch(value -> value.toLocalDate().equals(LocalDate.of(1900, 1, 1)))
        .contains(LocalDateTime.of(1900, 1, 1, 23, 59, 59));
    assertThat(dateTimes(db, "SELECT [ORDERDATE] FROM [" + orders + "]"))
        .allMatch(value -> value.toLocalTime().equals(LocalTime.MIDNIGHT));
  }

  @Test
  void binaryEdgeValuesArePresent() throws SQLException {
    List<byte[]> photos =
        binaries(db, "SELECT [PHOTO] FROM [" + sample.physicalTable("Customers", "Customer") + "]");
    assertThat(photos)
        .anyMatch(photo -> photo.length == 0)
        .anyMatch(photo -> photo.length > 0 && photo.length < 1000)
        .filteredOn(photo -> photo.length == LARGE_BINARY)
        .hasSize(3);
    assertThat(
            binaries(
                db, "SELECT [IMAGE] FROM [" + sample.physicalTable("Catalog", "Product") + "]"))
        .anyMatch(image -> image.length == 0)
        .anyMatch(image -> image.length == LARGE_BINARY);
  }

  @Test
  void referencesIncludeNullsAndDanglingIds() throws SQLException {
    String customers = sample.physicalTable("Customers", "Customer");
    assertThat(count(db, "SELECT COUNT(*) FROM [" + customers + "] WHERE [COUNTRYID] IS NULL"))
        .isPositive();
    assertThat(count(db, "SELECT COUNT(*) FROM [" + customers + "] WHERE [CREATEDBY] IS NULL"))
        .isPositive();
    assertThat(
            longs(
                db,
                "SELECT c.[CREATEDBY] FROM ["
                    + customers
                    + "] c WHERE c.[CREATEDBY] IS NOT NULL"
                    + " AND NOT EXISTS (SELECT 1 FROM [ossys_User] u WHERE u.[Id] = c.[CREATEDBY])"))
        .hasSizeGreaterThanOrEqualTo(2)
        .containsOnly(999_999L);
    assertThat(
            count(
                db,
                "SELECT COUNT(*) FROM ["
                    + customers
                    + "] c JOIN [ossys_User] u ON u.[Id] = c.[CREATEDBY]"))
        .isGreaterThan(30);
    assertThat(
            count(
                db,
                "SELECT COUNT(*) FROM ["
                    + sample.physicalTable("Orders", "OrderLine")
                    + "]"
                    + " WHERE [PRODUCTSKU] IS NULL"))
        .isPositive();
    assertThat(
            count(
                db,
                "SELECT COUNT(*) FROM ["
                    + sample.physicalTable("Customers", "CustomerNote")
                    + "] n"
                    + " WHERE NOT EXISTS (SELECT 1 FROM ["
                    + customers
                    + "] c WHERE c.[ID] = n.[CUSTOMERID])"))
        .isZero();
  }

  @Test
  void textIdentifiersSortDifferentlyByOrdinalAndIgnoringCase() throws SQLException {
    List<String> skus =
        strings(db, "SELECT [SKU] FROM [" + sample.physicalTable("Catalog", "Product") + "]");
    assertThat(skus).contains("abc-1", "ABD-2", "Zeta", "alpha");
    assertThat(skus.stream().map(sku -> sku.toLowerCase(Locale.ROOT)).distinct())
        .hasSameSizeAs(skus);
    List<String> ordinal = skus.stream().sorted().toList();
    List<String> ignoringCase = skus.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    assertThat(ordinal).isNotEqualTo(ignoringCase);
    assertThat(
            skus.stream().anyMatch(sku -> !sku.equals(sku.toLowerCase(Locale.ROOT)))
                && skus.stream().anyMatch(sku -> !sku.equals(sku.toUpperCase(Locale.ROOT))))
        .isTrue();
  }

  @Test
  void dataLengthWorksOnBinaryAndText() throws SQLException {
    String customers = sample.physicalTable("Customers", "Customer");
    assertThat(longs(db, "SELECT DATALENGTH([PHOTO]) FROM [" + customers + "]"))
        .contains(0L, (long) LARGE_BINARY);
    assertThat(
            longs(
                db,
                "SELECT DATALENGTH([NAME]) FROM [" + customers + "] WHERE [NAME] = ?",
                "Zoë O'Brien"))
        .containsExactly(22L);
    assertThat(
            longs(
                db,
                "SELECT DATALENGTH([NAME]) FROM [" + customers + "] WHERE [NAME] = ?",
                "Emoji 😀 Party 🎉"))
        .containsExactly(34L);
    assertThat(longs(db, "SELECT DATALENGTH([NOTES]) FROM [" + customers + "] WHERE [NOTES] = ''"))
        .isNotEmpty()
        .containsOnly(0L);
    try (Statement statement = db.createStatement();
        ResultSet rs = statement.executeQuery("SELECT DATALENGTH(CAST(NULL AS VARBINARY(10)))")) {
      rs.next();
      assertThat(rs.getObject(1)).isNull();
    }
  }

  @Test
  void theSameSeedGivesTheSameEnvironmentAndAnotherSeedOtherData() throws Exception {
    Map<String, String> first = dump(db);
    Result again;
    Map<String, String> second;
    try (Connection other = open()) {
      again = SampleEnvironment.create(other, SampleSize.small());
      second = dump(other);
    }
    assertThat(again).isEqualTo(sample);
    assertThat(second).isEqualTo(first);

    try (Connection other = open()) {
      Result different = SampleEnvironment.create(other, new SampleSize(50, 12L));
      Map<String, String> third = dump(other);
      assertThat(different.physicalTables()).isNotEqualTo(sample.physicalTables());
      assertThat(third.get(different.physicalTable("Customers", "Customer")))
          .isNotEqualTo(first.get(sample.physicalTable("Customers", "Customer")));
      // Like one app in two environments: same SS_Keys, other physical tables.
      assertThat(third.get("ossys_Espace")).isEqualTo(first.get("ossys_Espace"));
    }
  }

  @Test
  void creatingAgainReplacesThePreviousSample() throws SQLException {
    try (Connection other = open()) {
      Result old = SampleEnvironment.create(other, new SampleSize(5, 1L));
      Result replaced = SampleEnvironment.create(other, new SampleSize(8, 2L));
      Set<String> tables =
          new HashSet<>(
              strings(
                  other,
                  "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                      + " WHERE TABLE_SCHEMA = 'PUBLIC'"));
      assertThat(tables).containsAll(replaced.physicalTables().values());
      old.physicalTables().values().stream()
          .filter(table -> !replaced.physicalTables().containsValue(table))
          .forEach(table -> assertThat(tables).doesNotContain(table));
      assertThat(count(other, "SELECT COUNT(*) FROM [ossys_Espace]")).isEqualTo(6);
      assertThat(
              count(
                  other,
                  "SELECT COUNT(*) FROM [" + replaced.physicalTable("Orders", "Order") + "]"))
          .isEqualTo(8);
    }
  }

  @Test
  void refusesADatabaseWithModulesItDidNotCreate() throws SQLException {
    try (Connection other = open()) {
      SampleEnvironment.create(other, new SampleSize(3, 1L));
      try (Statement statement = other.createStatement()) {
        statement.execute(
            "INSERT INTO [ossys_Espace] ([Name], [SS_Key], [Is_Active], [Is_System],"
                + " [EspaceKind]) VALUES (N'RealApp', '"
                + UUID.randomUUID()
                + "', 1, 0, N'eSpace')");
      }
      assertThatThrownBy(() -> SampleEnvironment.create(other, new SampleSize(3, 1L)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("RealApp");
      assertThat(count(other, "SELECT COUNT(*) FROM [ossys_Espace]")).isEqualTo(7);
    }
  }

  private static Connection open() throws SQLException {
    return DriverManager.getConnection(H2SqlServer.memoryUrl("sample-" + UUID.randomUUID()));
  }

  /** Every table's rows in identifier order, hashed: equal dumps mean equal databases. */
  private static Map<String, String> dump(Connection connection) throws Exception {
    Map<String, String> dump = new TreeMap<>();
    for (String table :
        strings(
            connection,
            "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT * FROM [" + table + "] ORDER BY 1")) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int c = 1; c <= columns; c++) {
            Object value = rs.getObject(c);
            String text =
                value instanceof byte[] bytes
                    ? HexFormat.of().formatHex(bytes)
                    : String.valueOf(value);
            digest.update((text + "\u0001").getBytes(StandardCharsets.UTF_8));
          }
          digest.update((byte) '\n');
        }
      }
      dump.put(table, HexFormat.of().formatHex(digest.digest()));
    }
    return dump;
  }

  private static List<Map<String, Object>> rows(
      Connection connection, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rs = statement.executeQuery()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new TreeMap<>();
        for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
          row.put(rs.getMetaData().getColumnLabel(c), rs.getObject(c));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private static <T> List<T> column(
      Connection connection, Class<T> type, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rs = statement.executeQuery()) {
      List<T> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getObject(1, type));
      }
      return values;
    }
  }

  private static List<String> strings(Connection connection, String sql, Object... parameters)
      throws SQLException {
    return column(connection, String.class, sql, parameters);
  }

  private static List<Long> longs(Connection connection, String sql, Object... parameters)
      throws SQLException {
    return column(connection, Long.class, sql, parameters);
  }

  private static List<BigDecimal> decimals(Connection connection, String sql) throws SQLException {
    return column(connection, BigDecimal.class, sql);
  }

  private static List<LocalDateTime> dateTimes(Connection connection, String sql)
      throws SQLException {
    return column(connection, LocalDateTime.class, sql);
  }

  private static List<byte[]> binaries(Connection connection, String sql) throws SQLException {
    return column(connection, byte[].class, sql);
  }

  private static long count(Connection connection, String sql, Object... parameters)
      throws SQLException {
    return longs(connection, sql, parameters).get(0);
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }
}
