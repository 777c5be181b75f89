package org.odcmigrate.sample;

import static org.odcmigrate.sample.SampleValues.CURRENCY_MAX;
import static org.odcmigrate.sample.SampleValues.LARGE_BINARY_BYTES;
import static org.odcmigrate.sample.SampleValues.LEAP_DAY_LAST_TICK;
import static org.odcmigrate.sample.SampleValues.MAX_DATE;
import static org.odcmigrate.sample.SampleValues.MAX_DATE_TIME;
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
import static org.odcmigrate.sample.SampleValues.phone;
import static org.odcmigrate.sample.SampleValues.sentence;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Reproducible rows of the platform (users, roles) and of the Customers app; the first rows of each
 * table carry its edge values. {@link SampleOrderRows} has the other apps' rows.
 */
final class SampleRows {

  /** The rows of one table: row(i) maps column names to values, in the same columns for every i. */
  record Rows(int count, IntFunction<Map<String, Object>> row) {
    static Rows of(List<Map<String, Object>> rows) {
      return new Rows(rows.size(), rows::get);
    }
  }

  /** A user id no row of ossys_User has; the Ignore delete rule lets references dangle. */
  static final int MISSING_USER_ID = 999_999;

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

  private SplittableRandom random(String purpose) {
    return SampleValues.random(seed, purpose);
  }
}
