package org.odcmigrate.sample;

import static org.odcmigrate.sample.SampleValues.CURRENCY_MAX;
import static org.odcmigrate.sample.SampleValues.LARGE_BINARY_BYTES;
import static org.odcmigrate.sample.SampleValues.LEAP_DAY_LAST_TICK;
import static org.odcmigrate.sample.SampleValues.MAX_DATE;
import static org.odcmigrate.sample.SampleValues.MAX_DATE_TIME;
import static org.odcmigrate.sample.SampleValues.NULL_BIGINT;
import static org.odcmigrate.sample.SampleValues.NULL_INT;
import static org.odcmigrate.sample.SampleValues.NULL_TEXT;
import static org.odcmigrate.sample.SampleValues.UNSET_DATE_TIME;
import static org.odcmigrate.sample.SampleValues.bytes;
import static org.odcmigrate.sample.SampleValues.date;
import static org.odcmigrate.sample.SampleValues.dateTime;
import static org.odcmigrate.sample.SampleValues.decimal;
import static org.odcmigrate.sample.SampleValues.edgeOr;
import static org.odcmigrate.sample.SampleValues.fullWithEmoji;
import static org.odcmigrate.sample.SampleValues.longText;
import static org.odcmigrate.sample.SampleValues.sentence;
import static org.odcmigrate.sample.SampleValues.time;
import static org.odcmigrate.sample.SampleValues.timeOfDay;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.IntFunction;

/** Reproducible rows of the sample tables; the first rows of each table carry its edge values. */
final class SampleRows {

  /** The rows of one table: row(i) maps column names to values, in the same columns for every i. */
  record Rows(int count, IntFunction<Map<String, Object>> row) {
    static Rows of(List<Map<String, Object>> rows) {
      return new Rows(rows.size(), rows::get);
    }
  }

  /** A user id no row of ossys_User has; the Ignore delete rule lets references dangle. */
  static final int MISSING_USER_ID = 999_999;

  static final long MISSING_CUSTOMER_ID = 9_999_999_999L;
  static final String MISSING_SKU = "NO-SUCH-SKU";

  /** Unique case- and accent-insensitively, but ordered differently by ordinal and by collation. */
  static final List<String> EDGE_SKUS =
      List.of(
          "abc-1", "ABD-2", "Zeta", "alpha", "co-op", "coop", "_legacy", "0042", "Éclair", "a b");

  /** Label and code of the static Country records; the one coded YUG is deleted. */
  static final List<List<String>> COUNTRIES =
      List.of(
          List.of("Portugal", "PRT"),
          List.of("Côte d'Ivoire", "CIV"),
          List.of("日本", "JPN"),
          List.of("Yugoslavia", "YUG"),
          List.of("United States", "USA"));

  static final String DELETED_COUNTRY_CODE = "YUG";

  static final List<String> EDGE_NAMES =
      List.of(
          "Zoë O'Brien",
          "Émile \"Mimi\" Dupont",
          "Back\\slash & Sons",
          "Tab\tSeparated Ltd",
          "Two\nLines\r\nLtd",
          "Emoji 😀 Party 🎉",
          "𝔐𝔞𝔱𝔥 𝒮𝒸𝓇𝒾𝓅𝓉 Corp",
          "李小龙 / Ана Петрова",
          "Trailing space ",
          fullWithEmoji('x', 100));
  static final List<BigDecimal> EDGE_CURRENCIES =
      List.of(
          CURRENCY_MAX,
          CURRENCY_MAX.negate(),
          new BigDecimal("0.00000000"),
          new BigDecimal("0.00000001"),
          new BigDecimal("-0.00000001"),
          new BigDecimal("1234567.12345678"));
  static final List<LocalDateTime> EDGE_DATE_TIMES =
      List.of(
          UNSET_DATE_TIME,
          LEAP_DAY_LAST_TICK,
          LocalDateTime.of(2024, 1, 1, 0, 0, 0, 3_000_000),
          LocalDateTime.of(2023, 6, 15, 12, 34, 56, 7_000_000),
          MAX_DATE_TIME,
          LocalDateTime.of(2024, 3, 31, 2, 30));
  static final List<LocalDateTime> EDGE_DATES =
      List.of(
          UNSET_DATE_TIME,
          LocalDateTime.of(2024, 2, 29, 0, 0),
          MAX_DATE,
          LocalDateTime.of(2000, 1, 1, 0, 0));
  static final List<LocalDateTime> EDGE_TIMES =
      List.of(UNSET_DATE_TIME, timeOfDay(23, 59, 59), timeOfDay(12, 0, 0), timeOfDay(0, 0, 1));
  static final List<Integer> EDGE_INTEGERS = List.of(0, Integer.MIN_VALUE, Integer.MAX_VALUE, -1);
  static final List<Long> EDGE_LONGS = List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L);

  private final long seed;
  private final int rowsPerEntity;

  SampleRows(long seed, int rowsPerEntity) {
    this.seed = seed;
    this.rowsPerEntity = rowsPerEntity;
  }

  int userCount() {
    return Math.min(20 + rowsPerEntity / 10, 1000);
  }

  Rows users(int tenantId) {
    SplittableRandom random = random("User");
    return new Rows(
        userCount(),
        i -> {
          int number = i + 1;
          Map<String, Object> row = new LinkedHashMap<>();
          row.put(
              "Name",
              i == 0
                  ? "Administrator"
                  : edgeOr(i - 1, EDGE_NAMES, () -> SampleValues.personName(random)));
          row.put("Username", i == 0 ? "admin" : "user" + number);
          row.put("Password", "#" + SampleValues.hex(bytes(random, 20)));
          row.put(
              "Email",
              i == 0
                  ? "admin@example.com"
                  : switch (i % 3) {
                    case 0 -> "user" + number + "@example.com";
                    case 1 -> "first.last" + number + "+tag@mail.example.org";
                    default -> "User" + number + "@Example.COM";
                  });
          row.put("MobilePhone", i % 4 == 3 ? "" : phone(random));
          row.put("Tenant_Id", tenantId);
          row.put("Is_Active", i % 7 != 6);
          row.put(
              "External_Id",
              i % 5 == 4 ? new UUID(random.nextLong(), random.nextLong()).toString() : NULL_TEXT);
          row.put("Creation_Date", dateTime(random));
          row.put("Last_Login", i % 6 == 5 ? UNSET_DATE_TIME : dateTime(random));
          return row;
        });
  }

  /** The first user holds every role; the others get each role with a 30% chance. */
  Rows userRoles(int[] userIds, List<Integer> roleIds) {
    SplittableRandom random = random("User_Role");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int u = 0; u < userIds.length; u++) {
      for (int roleId : roleIds) {
        if (u == 0 || random.nextInt(10) < 3) {
          rows.add(new LinkedHashMap<>(Map.of("User_Id", userIds[u], "Role_Id", roleId)));
        }
      }
    }
    return Rows.of(rows);
  }

  Rows countries() {
    return new Rows(
        COUNTRIES.size(),
        i -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("LABEL", COUNTRIES.get(i).get(0));
          row.put("CODE", COUNTRIES.get(i).get(1));
          return row;
        });
  }

  /** Customers; countryIds are the live records only, the deleted one is referenced on purpose. */
  Rows customers(int[] userIds, int[] countryIds, int deletedCountryId) {
    SplittableRandom random = random("Customer");
    byte[] large = bytes(random, LARGE_BINARY_BYTES);
    List<String> notes =
        List.of(
            "",
            longText(3000),
            "Tabs\tand\nnew lines\r\n\\ 'single' \"double\"",
            longText(4096),
            "😀",
            longText(5000));
    List<byte[]> photos =
        List.of(
            new byte[0],
            new byte[] {0},
            new byte[] {(byte) 0xFF, 0, 0x7F, (byte) 0x80},
            large,
            large.clone(),
            large.clone());
    return new Rows(
        rowsPerEntity,
        i -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("NAME", edgeOr(i, EDGE_NAMES, () -> SampleValues.personName(random)));
          row.put(
              "EMAIL",
              edgeOr(
                  i,
                  List.of(
                      "",
                      "zoe.obrien@example.com",
                      "o'brien+vip@mail.example.co.uk",
                      "UPPER.Case@Example.COM"),
                  () -> "customer" + (i + 1) + "@example.com"));
          row.put(
              "PHONE",
              edgeOr(
                  i,
                  List.of("", "+351 912 345 678", "(555) 010-0199", "+1-202-555-0143 x12"),
                  () -> phone(random)));
          row.put("NOTES", edgeOr(i, notes, () -> random.nextInt(3) == 0 ? "" : sentence(random)));
          row.put("ISVIP", edgeOr(i, List.of(true, false), random::nextBoolean));
          row.put("BIRTHDATE", edgeOr(i, EDGE_DATES, () -> date(random)));
          row.put("CREATEDON", edgeOr(i, EDGE_DATE_TIMES, () -> dateTime(random)));
          row.put("BALANCE", edgeOr(i, EDGE_CURRENCIES, () -> decimal(random, 18, 8)));
          row.put(
              "DISCOUNT",
              edgeOr(
                  i,
                  List.of(
                      new BigDecimal("999.99"),
                      new BigDecimal("-999.99"),
                      new BigDecimal("0.00"),
                      new BigDecimal("0.01")),
                  () -> decimal(random, 4, 2).abs()));
          row.put(
              "PHOTO",
              edgeOr(
                  i,
                  photos,
                  () ->
                      random.nextInt(4) == 0
                          ? new byte[0]
                          : bytes(random, 16 + random.nextInt(240))));
          row.put(
              "COUNTRYID",
              edgeOr(
                  i,
                  List.of(NULL_INT, deletedCountryId, countryIds[0], deletedCountryId),
                  () ->
                      random.nextInt(7) == 0
                          ? NULL_INT
                          : countryIds[random.nextInt(countryIds.length)]));
          row.put(
              "CREATEDBY",
              edgeOr(
                  i,
                  List.of(NULL_INT, MISSING_USER_ID, userIds[0], MISSING_USER_ID),
                  () ->
                      random.nextInt(10) == 0
                          ? NULL_INT
                          : userIds[random.nextInt(userIds.length)]));
          row.put("LEGACYCODE", "LEG-" + (10_000 + i));
          return row;
        });
  }

  Rows customerNotes(long[] customerIds, int tenantId) {
    SplittableRandom random = random("CustomerNote");
    List<String> bodies =
        List.of(
            "",
            fullWithEmoji('n', 2000),
            "Ação, naïve café, “smart quotes” 😀",
            "Quote ' \" \\ tab\t newline\n end");
    return new Rows(
        rowsPerEntity,
        i -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("CUSTOMERID", customerIds[random.nextInt(customerIds.length)]);
          row.put("BODY", edgeOr(i, bodies, () -> sentence(random)));
          row.put("CREATEDON", edgeOr(i, EDGE_DATE_TIMES, () -> dateTime(random)));
          row.put("TENANT_ID", tenantId);
          return row;
        });
  }

  /** One profile per user: the extension entity every user of the sample has. */
  Rows userProfiles(int[] userIds) {
    SplittableRandom random = random("UserProfile");
    List<String> departments =
        List.of("Sales", "Finance", "Operations", "", "Research & Development");
    return new Rows(
        userIds.length,
        i -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("USERID", userIds[i]);
          row.put("DEPARTMENT", departments.get(random.nextInt(departments.size())));
          row.put("ISACTIVE", i % 7 != 6);
          return row;
        });
  }

  int productCount() {
    return rowsPerEntity;
  }

  Rows products() {
    SplittableRandom random = random("Product");
    byte[] large = bytes(random, LARGE_BINARY_BYTES);
    return new Rows(
        productCount(),
        i -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("SKU", sku(i));
          row.put(
              "NAME",
              edgeOr(
                  i,
                  List.of("Café crème 😀", "Widget \"Pro\" 10'", fullWithEmoji('w', 200)),
                  () -> sentence(random)));
          row.put(
              "PRICE",
              edgeOr(
                  i,
                  List.of(
                      new BigDecimal("99999999.99"),
                      new BigDecimal("-99999999.99"),
                      new BigDecimal("0.00"),
                      new BigDecimal("0.01")),
                  () -> decimal(random, 6, 2).abs()));
          row.put(
              "IMAGE",
              edgeOr(
                  i,
                  List.of(new byte[0], large, new byte[] {0}),
                  () ->
                      random.nextInt(3) == 0
                          ? new byte[0]
                          : bytes(random, 32 + random.nextInt(480))));
          return row;
        });
  }

  /** Product identifiers: the edge SKUs, then unique mixed-case ones made from the row number. */
  String sku(int index) {
    if (index < EDGE_SKUS.size()) {
      return EDGE_SKUS.get(index);
    }
    SplittableRandom random = random("sku:" + index);
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      char letter = (char) ('a' + random.nextInt(26));
      suffix.append(random.nextBoolean() ? Character.toUpperCase(letter) : letter);
    }
    return "P" + index + "-" + suffix;
  }

  int warehouseCount() {
    return Math.min(rowsPerEntity, 10);
  }

  /** Hand-set integer identifiers: sparse (10, 20, ...) and the last one at Integer.MAX_VALUE. */
  Rows warehouses() {
    SplittableRandom random = random("Warehouse");
    int count = warehouseCount();
    return new Rows(
        count,
        i -> {
          int id = i == count - 1 && count > 1 ? Integer.MAX_VALUE : 10 * (i + 1);
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("ID", id);
          row.put(
              "NAME",
              edgeOr(
                  i,
                  List.of("Main Warehouse", "Armazém Norte", "倉庫 東京 🏭"),
                  () -> "Warehouse " + id));
          row.put("CAPACITY", edgeOr(i, EDGE_LONGS, () -> random.nextLong(1, 10_000_000_000L)));
          return row;
        });
  }

  Rows orders(long[] customerIds) {
    SplittableRandom random = random("Order");
    return new Rows(
        rowsPerEntity,
        i -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put(
              "CUSTOMERID",
              edgeOr(
                  i,
                  List.of(NULL_BIGINT, MISSING_CUSTOMER_ID),
                  () -> customerIds[random.nextInt(customerIds.length)]));
          row.put("ORDERDATE", edgeOr(i, EDGE_DATES, () -> date(random)));
          row.put("DELIVERYTIME", edgeOr(i, EDGE_TIMES, () -> time(random)));
          row.put(
              "TOTAL",
              edgeOr(
                  i,
                  List.of(
                      new BigDecimal("9999999999999999.99"),
                      new BigDecimal("-9999999999999999.99"),
                      new BigDecimal("0.00")),
                  () -> decimal(random, 8, 2).abs()));
          row.put("STATUS", edgeOr(i, EDGE_INTEGERS, () -> 1 + random.nextInt(5)));
          row.put(
              "REFERENCE",
              edgeOr(
                  i,
                  List.of("", "ORD-'quoted'", "Ref ü 😀", "R".repeat(30)),
                  () -> "ORD-" + (100_000 + i)));
          return row;
        });
  }

  Rows orderLines(long[] orderIds, int productCount) {
    SplittableRandom random = random("OrderLine");
    List<Object> skuEdges = List.of(NULL_TEXT, MISSING_SKU, sku(0), sku(1));
    return new Rows(
        rowsPerEntity,
        i -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("ORDERID", orderIds[random.nextInt(orderIds.length)]);
          row.put("PRODUCTSKU", edgeOr(i, skuEdges, () -> sku(random.nextInt(productCount))));
          row.put("QUANTITY", edgeOr(i, EDGE_INTEGERS, () -> 1 + random.nextInt(100)));
          row.put("PRICE", edgeOr(i, EDGE_CURRENCIES, () -> decimal(random, 14, 8).abs()));
          return row;
        });
  }

  int reportCount() {
    return Math.min(rowsPerEntity, 5);
  }

  Rows reports() {
    return new Rows(
        reportCount(),
        i -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("TITLE", "Quarterly report " + (i + 1));
          return row;
        });
  }

  private SplittableRandom random(String purpose) {
    return SampleValues.random(seed, purpose);
  }

  private static String phone(SplittableRandom random) {
    return String.format(
        Locale.ROOT,
        "+351 9%02d %03d %03d",
        random.nextInt(100),
        random.nextInt(1000),
        random.nextInt(1000));
  }
}
