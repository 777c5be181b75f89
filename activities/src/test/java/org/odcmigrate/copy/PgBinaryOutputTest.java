package org.odcmigrate.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/** Edge values through a real binary COPY and back: what PostgreSQL stores must be what we sent. */
class PgBinaryOutputTest {

  private static final String[] COLUMNS = {
    "i4", "i8", "b", "t", "by", "ts", "d", "tm", "n37", "n52", "n", "u"
  };

  private static DataSource stage;

  @BeforeAll
  static void createTable() throws SQLException {
    stage = EmbeddedStage.newDatabase();
    try (Connection connection = stage.getConnection();
        Statement st = connection.createStatement()) {
      st.execute(
          "CREATE TABLE edge (id int PRIMARY KEY, i4 int4, i8 int8, b bool, t text, by bytea, ts timestamp,"
              + " d date, tm time, n37 numeric(37,8), n52 numeric(5,2), n numeric, u uuid)");
    }
  }

  @Test
  void numericsKeepValueAndScale() throws Exception {
    BigDecimal currencyMax = new BigDecimal("99999999999999999999999999999.99999999");
    List<BigDecimal> currencies =
        List.of(
            currencyMax,
            currencyMax.negate(),
            new BigDecimal("0.00000000"),
            new BigDecimal("0.00000001"),
            new BigDecimal("-0.00000001"),
            new BigDecimal("1234567.12345678"),
            BigDecimal.ZERO,
            new BigDecimal("1E+20"));
    List<Object[]> rows = new ArrayList<>();
    for (BigDecimal value : currencies) {
      rows.add(row("n37", value));
    }
    List<Object[]> read = roundTrip(rows);
    for (int i = 0; i < currencies.size(); i++) {
      BigDecimal back = (BigDecimal) read.get(i)[col("n37")];
      assertThat(back)
          .as("numeric(37,8) of %s", currencies.get(i))
          .isEqualByComparingTo(currencies.get(i));
      assertThat(back.scale()).as("scale of %s", currencies.get(i)).isEqualTo(8);
    }

    List<String> small = List.of("999.99", "-999.99", "0.00", "0.01", "-0.01", "1.5", "7");
    rows.clear();
    small.forEach(v -> rows.add(row("n52", new BigDecimal(v))));
    read = roundTrip(rows);
    for (int i = 0; i < small.size(); i++) {
      BigDecimal back = (BigDecimal) read.get(i)[col("n52")];
      assertThat(back)
          .as("numeric(5,2) of %s", small.get(i))
          .isEqualTo(new BigDecimal(small.get(i)).setScale(2));
    }

    // Unconstrained numeric keeps the scale it is given, so the text the user sees stays identical.
    List<String> free =
        List.of(
            "99999999999999999999999999999.99999999",
            "-99999999999999999999999999999.99999999",
            "0",
            "0.00000001",
            "-0.00000001",
            "12345.6789",
            "10000",
            "0.0001",
            "1.50",
            "100.000",
            "0.10",
            "0.00",
            "-1.0000",
            "123456789012345678901234567890123456789.123456789012345678901234567890",
            "9999",
            "99990000",
            "0.99999999",
            "1");
    rows.clear();
    free.forEach(v -> rows.add(row("n", new BigDecimal(v))));
    read = roundTrip(rows);
    for (int i = 0; i < free.size(); i++) {
      assertThat(read.get(i)[col("n")])
          .as("numeric of %s", free.get(i))
          .isEqualTo(new BigDecimal(free.get(i)));
    }
    roundTrip(List.<Object[]>of(row("n", new BigDecimal("1.50"))));
    assertThat(textOf("n")).isEqualTo("1.50");

    // A negative scale has no binary form; the value is kept, written with scale 0.
    read =
        roundTrip(
            List.<Object[]>of(
                row("n", new BigDecimal("1E+20")), row("n", new BigDecimal("-12E+3"))));
    assertThat(read.get(0)[col("n")]).isEqualTo(new BigDecimal("100000000000000000000"));
    assertThat(read.get(1)[col("n")]).isEqualTo(new BigDecimal("-12000"));
  }

  @Test
  void numericsMatchPostgresOwnParsingForManyValues() throws Exception {
    Random random = new Random(7);
    List<BigDecimal> values = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      int digits = 1 + random.nextInt(38);
      StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
      for (int d = 0; d < digits; d++) {
        text.append(random.nextInt(10));
      }
      values.add(new BigDecimal(new BigInteger(text.toString()), random.nextInt(digits + 4)));
    }
    List<Object[]> rows = new ArrayList<>();
    values.forEach(v -> rows.add(row("n", v)));
    List<Object[]> read = roundTrip(rows);
    for (int i = 0; i < values.size(); i++) {
      assertThat(read.get(i)[col("n")]).as("numeric of %s", values.get(i)).isEqualTo(values.get(i));
    }
  }

  @Test
  void datesTimesAndTimestampsAreExact() throws Exception {
    List<LocalDateTime> stamps =
        List.of(
            LocalDateTime.of(1900, 1, 1, 0, 0),
            LocalDateTime.of(2024, 2, 29, 23, 59, 59, 997_000_000),
            LocalDateTime.of(9999, 12, 31, 23, 59, 59, 997_000_000),
            LocalDateTime.of(2000, 1, 1, 0, 0),
            LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000),
            LocalDateTime.of(1753, 1, 1, 0, 0, 0, 3_000_000),
            LocalDateTime.of(2023, 6, 15, 12, 34, 56, 123_456_000));
    List<LocalDate> dates =
        List.of(
            LocalDate.of(1900, 1, 1),
            LocalDate.of(9999, 12, 31),
            LocalDate.of(2000, 1, 1),
            LocalDate.of(1999, 12, 31),
            LocalDate.of(2024, 2, 29));
    List<LocalTime> times =
        List.of(
            LocalTime.MIDNIGHT,
            LocalTime.of(23, 59, 59),
            LocalTime.of(12, 0),
            LocalTime.of(23, 59, 59, 997_000_000));
    List<Object[]> rows = new ArrayList<>();
    stamps.forEach(v -> rows.add(row("ts", v)));
    dates.forEach(v -> rows.add(row("d", v)));
    times.forEach(v -> rows.add(row("tm", v)));
    List<Object[]> read = roundTrip(rows);
    int r = 0;
    for (LocalDateTime v : stamps) {
      assertThat(read.get(r++)[col("ts")]).isEqualTo(v);
    }
    for (LocalDate v : dates) {
      assertThat(read.get(r++)[col("d")]).isEqualTo(v);
    }
    for (LocalTime v : times) {
      assertThat(read.get(r++)[col("tm")]).isEqualTo(v);
    }
  }

  @Test
  void textIsByteExactAndEmptyIsNotNull() throws Exception {
    List<String> texts =
        List.of(
            "",
            "Emoji 😀 Party 🎉",
            "李小龙 / Ана Петрова",
            "𝔐𝔞𝔱𝔥",
            "Zoë O'Brien",
            "Émile \"Mimi\" Dupont",
            "Back\\slash",
            "Tab\tSeparated",
            "Two\nLines\r\nLtd",
            "\\N",
            "Trailing space ",
            "x".repeat(100_000));
    List<Object[]> rows = new ArrayList<>();
    texts.forEach(v -> rows.add(row("t", v)));
    rows.add(row("t", null));
    List<Object[]> read = roundTrip(rows);
    for (int i = 0; i < texts.size(); i++) {
      assertThat(read.get(i)[col("t")]).isEqualTo(texts.get(i));
    }
    assertThat(read.get(texts.size())[col("t")]).isNull();
  }

  @Test
  void bytesIntegersBooleansAndUuidsAreExact() throws Exception {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    byte[] mega = new byte[1 << 20];
    new Random(1).nextBytes(mega);
    List<byte[]> binaries = List.of(new byte[0], all, mega, new byte[] {0});
    List<Object[]> rows = new ArrayList<>();
    binaries.forEach(v -> rows.add(row("by", v)));
    for (int v : List.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1)) {
      rows.add(row("i4", v));
    }
    for (long v : List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L)) {
      rows.add(row("i8", v));
    }
    rows.add(row("b", true));
    rows.add(row("b", false));
    UUID uuid = UUID.fromString("f47ac10b-58cc-4372-a567-0e02b2c3d479");
    rows.add(row("u", uuid));
    rows.add(row("u", new UUID(-1L, 0L)));
    List<Object[]> read = roundTrip(rows);
    int r = 0;
    for (byte[] v : binaries) {
      assertThat((byte[]) read.get(r++)[col("by")]).isEqualTo(v);
    }
    assertThat(
            Arrays.asList(
                read.get(r)[col("i4")],
                read.get(r + 1)[col("i4")],
                read.get(r + 2)[col("i4")],
                read.get(r + 3)[col("i4")]))
        .containsExactly(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1);
    r += 4;
    assertThat(
            Arrays.asList(
                read.get(r)[col("i8")],
                read.get(r + 1)[col("i8")],
                read.get(r + 2)[col("i8")],
                read.get(r + 3)[col("i8")]))
        .containsExactly(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L);
    r += 4;
    assertThat(read.get(r++)[col("b")]).isEqualTo(true);
    assertThat(read.get(r++)[col("b")]).isEqualTo(false);
    assertThat(read.get(r++)[col("u")]).isEqualTo(uuid);
    assertThat(read.get(r)[col("u")]).isEqualTo(new UUID(-1L, 0L));
  }

  @Test
  void aRowWithEveryTypeAtOnce() throws Exception {
    Object[] values = {
      42,
      42L,
      true,
      "all",
      new byte[] {1, 2},
      LocalDateTime.of(2024, 1, 1, 0, 0, 0, 3_000_000),
      LocalDate.of(2024, 1, 1),
      LocalTime.of(1, 2, 3),
      new BigDecimal("1.00000000"),
      new BigDecimal("1.50"),
      new BigDecimal("1.50"),
      UUID.randomUUID()
    };
    Object[] back = roundTrip(List.<Object[]>of(values)).get(0);
    for (int c = 0; c < values.length; c++) {
      if (values[c] instanceof byte[] bytes) {
        assertThat((byte[]) back[c]).isEqualTo(bytes);
      } else {
        assertThat(back[c]).as(COLUMNS[c]).isEqualTo(values[c]);
      }
    }
  }

  @Test
  void checksumOfTheRowsSentEqualsTheChecksumOfTheRowsReadBack() throws Exception {
    // Values longer than the 64 KiB buffers on both sides, and rows straddling their edges.
    Random random = new Random(7);
    List<Object[]> rows = new ArrayList<>();
    for (int r = 0; r < 400; r++) {
      Object[] row = new Object[COLUMNS.length];
      row[col("i8")] = random.nextLong();
      row[col("t")] = "\uD83D\uDE00é".repeat(random.nextInt(r % 50 == 0 ? 40_000 : 400));
      byte[] bytes = new byte[random.nextInt(r % 70 == 0 ? 300_000 : 3_000)];
      random.nextBytes(bytes);
      row[col("by")] = bytes;
      row[col("n37")] = new BigDecimal(new BigInteger(110, random), 8);
      rows.add(row);
    }
    try (Connection connection = stage.getConnection()) {
      connection.setAutoCommit(false);
      long sent = copyIn(connection, rows);
      String columns = "id, " + String.join(", ", COLUMNS);
      StageChecksum.Result back = StageChecksum.of(connection, "edge (" + columns + ")");
      assertThat(back.rows()).isEqualTo(rows.size());
      assertThat(back.checksum()).as("checksum read back").isEqualTo(sent);

      try (Statement st = connection.createStatement()) {
        st.execute("UPDATE edge SET by = set_byte(by, 0, get_byte(by, 0) # 1) WHERE id = 70");
      }
      assertThat(StageChecksum.of(connection, "edge (" + columns + ")").checksum())
          .as("checksum after one bit of one value changed")
          .isNotEqualTo(sent);
      connection.rollback();
    }
  }

  /**
   * Empties the table and writes the rows (id = position) through one binary COPY, binaries over
   * 100 kB as streams; returns the sum of the rows' checksums.
   */
  private static long copyIn(Connection connection, List<Object[]> rows)
      throws SQLException, IOException {
    try (Statement st = connection.createStatement()) {
      st.execute("TRUNCATE edge");
    }
    long sent = 0;
    try (PGCopyOutputStream copy =
        new PGCopyOutputStream(
            connection.unwrap(PGConnection.class),
            "COPY edge (id, " + String.join(", ", COLUMNS) + ") FROM STDIN (FORMAT binary)")) {
      PgBinaryOutput out = new PgBinaryOutput(copy);
      out.header();
      for (int r = 0; r < rows.size(); r++) {
        out.startRow(COLUMNS.length + 1);
        out.writeInt4(r);
        for (Object value : rows.get(r)) {
          if (value instanceof byte[] b && b.length > 100_000) {
            out.writeStream(b.length, new java.io.ByteArrayInputStream(b), "row " + r);
          } else {
            write(out, value);
          }
        }
        sent += out.endRow();
      }
      out.trailer();
      copy.endCopy();
    }
    return sent;
  }

  /** A row with one value set and every other column NULL. */
  private static Object[] row(String column, Object value) {
    Object[] row = new Object[COLUMNS.length];
    row[col(column)] = value;
    return row;
  }

  private static int col(String column) {
    return Arrays.asList(COLUMNS).indexOf(column);
  }

  /** Writes the rows through one binary COPY, reads them back in order, and empties the table. */
  private static List<Object[]> roundTrip(List<Object[]> rows) throws SQLException, IOException {
    try (Connection connection = stage.getConnection()) {
      connection.setAutoCommit(false);
      copyIn(connection, rows);
      String columns = "id, " + String.join(", ", COLUMNS);
      List<Object[]> read = new ArrayList<>();
      try (Statement st = connection.createStatement();
          ResultSet rs = st.executeQuery("SELECT " + columns + " FROM edge ORDER BY id")) {
        while (rs.next()) {
          Object[] row = new Object[COLUMNS.length];
          row[col("i4")] = rs.getObject("i4", Integer.class);
          row[col("i8")] = rs.getObject("i8", Long.class);
          row[col("b")] = rs.getObject("b", Boolean.class);
          row[col("t")] = rs.getString("t");
          row[col("by")] = rs.getBytes("by");
          row[col("ts")] = rs.getObject("ts", LocalDateTime.class);
          row[col("d")] = rs.getObject("d", LocalDate.class);
          row[col("tm")] = rs.getObject("tm", LocalTime.class);
          row[col("n37")] = rs.getBigDecimal("n37");
          row[col("n52")] = rs.getBigDecimal("n52");
          row[col("n")] = rs.getBigDecimal("n");
          row[col("u")] = rs.getObject("u", UUID.class);
          read.add(row);
        }
      }
      connection.commit();
      assertThat(read).hasSameSizeAs(rows);
      return read;
    }
  }

  /** The text form PostgreSQL itself prints for a column of the only row. */
  private static String textOf(String column) throws SQLException {
    try (Connection connection = stage.getConnection();
        Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + column + "::text FROM edge")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void write(PgBinaryOutput out, Object value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else if (value instanceof Integer v) {
      out.writeInt4(v);
    } else if (value instanceof Long v) {
      out.writeInt8(v);
    } else if (value instanceof Boolean v) {
      out.writeBoolean(v);
    } else if (value instanceof String v) {
      out.writeText(v);
    } else if (value instanceof byte[] v) {
      out.writeBytes(v);
    } else if (value instanceof LocalDateTime v) {
      out.writeTimestamp(v);
    } else if (value instanceof LocalDate v) {
      out.writeDate(v);
    } else if (value instanceof LocalTime v) {
      out.writeTime(v);
    } else if (value instanceof BigDecimal v) {
      out.writeNumeric(v);
    } else if (value instanceof UUID v) {
      out.writeUuid(v);
    } else {
      throw new IllegalArgumentException("no binary form for " + value.getClass());
    }
  }
}
