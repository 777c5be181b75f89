package org.odcmigrate.sample;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/** Value helpers for the sample rows: O11's unset values, datetime precision, random text. */
final class SampleValues {

  /** A NULL with its JDBC type: SQL Server refuses an untyped NULL for some column types. */
  record Null(int jdbcType) {}

  static final Null NULL_INT = new Null(Types.INTEGER);
  static final Null NULL_BIGINT = new Null(Types.BIGINT);
  static final Null NULL_TEXT = new Null(Types.NVARCHAR);

  /** O11 stores an unset Date, Time or DateTime as this value, never as NULL. */
  static final LocalDateTime UNSET_DATE_TIME = LocalDateTime.of(1900, 1, 1, 0, 0);

  static final LocalDateTime MAX_DATE_TIME =
      LocalDateTime.of(9999, 12, 31, 23, 59, 59, 997_000_000);
  static final LocalDateTime MAX_DATE = LocalDateTime.of(9999, 12, 31, 0, 0);
  static final LocalDateTime LEAP_DAY_LAST_TICK =
      LocalDateTime.of(2024, 2, 29, 23, 59, 59, 997_000_000);

  /** The largest decimal(37,8), which O11 Currency columns use. */
  static final BigDecimal CURRENCY_MAX = new BigDecimal("99999999999999999999999999999.99999999");

  static final int LARGE_BINARY_BYTES = 100 * 1024;

  private static final List<String> FIRST_NAMES =
      List.of(
          "Ana", "José", "Zoë", "Łukasz", "Mårten", "Chloé", "Søren", "Ngozi", "Hiroshi", "Fatma",
          "Liam", "Siobhán", "Dmitri", "Aiyana", "Raúl");
  private static final List<String> LAST_NAMES =
      List.of(
          "Gonçalves",
          "Müller",
          "O'Brien",
          "Żółć",
          "Ångström",
          "Dubois",
          "Okafor",
          "Tanaka",
          "Yılmaz",
          "Smith",
          "Ó Ceallaigh",
          "Ivanov",
          "García");
  private static final List<String> WORDS =
      List.of(
          "order",
          "café",
          "naïve",
          "São Paulo",
          "Zürich",
          "straße",
          "ñandú",
          "œuvre",
          "Ελλάδα",
          "délivré",
          "urgent",
          "fragile",
          "gift",
          "retour",
          "pièce");
  private static final String PARAGRAPH =
      "Lorem ipsum dolor sit amet, ação café naïve; \"quoted\" and"
          + " 'single' text with a back\\slash,\ta tab and\r\na new line. Emoji 😀 outside the BMP. ";

  private SampleValues() {}

  /** An independent, reproducible random stream per seed and purpose. */
  static SplittableRandom random(long seed, String purpose) {
    return new SplittableRandom(seed ^ (purpose.hashCode() * 0x9E3779B97F4A7C15L));
  }

  /** The row's edge value while edges last, then an ordinary random value. */
  static Object edgeOr(int row, List<?> edges, Supplier<?> ordinary) {
    return row < edges.size() ? edges.get(row) : ordinary.get();
  }

  static <T> T pick(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** A DateTime on SQL Server's datetime grid (1/300 s: .000, .003, .007, ...). */
  static LocalDateTime dateTime(SplittableRandom random) {
    int millis = (int) Math.round(random.nextInt(300) * 10 / 3.0);
    return LocalDateTime.of(2015 + random.nextInt(11), 1, 1, 0, 0)
        .plusDays(random.nextInt(365))
        .plusSeconds(random.nextInt(86_400))
        .plusNanos(millis * 1_000_000L);
  }

  /** A Date as O11 stores it: datetime at midnight. */
  static LocalDateTime date(SplittableRandom random) {
    return LocalDate.of(1940, 1, 1).plusDays(random.nextInt(65 * 365)).atStartOfDay();
  }

  /** A Time as O11 stores it: whole seconds on 1900-01-01. */
  static LocalDateTime time(SplittableRandom random) {
    return UNSET_DATE_TIME.plusSeconds(random.nextInt(86_400));
  }

  static LocalDateTime timeOfDay(int hour, int minute, int second) {
    return UNSET_DATE_TIME.withHour(hour).withMinute(minute).withSecond(second);
  }

  /**
   * A random value with at most {@code digits} digits (18 at most), {@code scale} of them decimals.
   */
  static BigDecimal decimal(SplittableRandom random, int digits, int scale) {
    long bound = BigInteger.TEN.pow(digits).longValueExact();
    return new BigDecimal(BigInteger.valueOf(random.nextLong(-bound + 1, bound)), scale);
  }

  static byte[] bytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  static String personName(SplittableRandom random) {
    return pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES);
  }

  static String sentence(SplittableRandom random) {
    StringBuilder text = new StringBuilder();
    int words = 3 + random.nextInt(6);
    for (int i = 0; i < words; i++) {
      text.append(i == 0 ? "" : " ").append(pick(random, WORDS));
    }
    return text.append('.').toString();
  }

  /**
   * Text of exactly {@code length} UTF-16 units (the unit nvarchar lengths count), never a split
   * pair.
   */
  static String longText(int length) {
    StringBuilder text = new StringBuilder(length + PARAGRAPH.length());
    while (text.length() < length) {
      text.append(PARAGRAPH);
    }
    text.setLength(length);
    if (Character.isHighSurrogate(text.charAt(length - 1))) {
      text.setCharAt(length - 1, '.');
    }
    return text.toString();
  }

  /** Text of exactly {@code length} UTF-16 units that ends in a character outside the BMP. */
  static String fullWithEmoji(char filler, int length) {
    return String.valueOf(filler).repeat(length - 2) + "😀";
  }

  /** A Portuguese mobile number. */
  static String phone(SplittableRandom random) {
    return String.format(
        Locale.ROOT,
        "+351 9%02d %03d %03d",
        random.nextInt(100),
        random.nextInt(1000),
        random.nextInt(1000));
  }
}
