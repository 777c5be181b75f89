package org.odcmigrate.sample;

import static org.odcmigrate.sample.SampleRows.EDGE_CURRENCIES;
import static org.odcmigrate.sample.SampleRows.EDGE_DATES;
import static org.odcmigrate.sample.SampleValues.LARGE_BINARY_BYTES;
import static org.odcmigrate.sample.SampleValues.NULL_BIGINT;
import static org.odcmigrate.sample.SampleValues.NULL_TEXT;
import static org.odcmigrate.sample.SampleValues.UNSET_DATE_TIME;
import static org.odcmigrate.sample.SampleValues.bytes;
import static org.odcmigrate.sample.SampleValues.date;
import static org.odcmigrate.sample.SampleValues.decimal;
import static org.odcmigrate.sample.SampleValues.edgeOr;
import static org.odcmigrate.sample.SampleValues.fullWithEmoji;
import static org.odcmigrate.sample.SampleValues.sentence;
import static org.odcmigrate.sample.SampleValues.time;
import static org.odcmigrate.sample.SampleValues.timeOfDay;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.odcmigrate.sample.SampleRows.Rows;

/**
 * Reproducible rows of the Catalog, Orders and LegacyReports apps; the first rows of each table
 * carry its edge values, as in {@link SampleRows}.
 */
final class SampleOrderRows {

  static final long MISSING_CUSTOMER_ID = 9_999_999_999L;

  static final String MISSING_SKU = "NO-SUCH-SKU";

  /** Unique case- and accent-insensitively, but ordered differently by ordinal and by collation. */
  static final List<String> EDGE_SKUS =
      List.of(
          "abc-1", "ABD-2", "Zeta", "alpha", "co-op", "coop", "_legacy", "0042", "Éclair", "a b");

  static final List<LocalDateTime> EDGE_TIMES =
      List.of(UNSET_DATE_TIME, timeOfDay(23, 59, 59), timeOfDay(12, 0, 0), timeOfDay(0, 0, 1));

  static final List<Integer> EDGE_INTEGERS = List.of(0, Integer.MIN_VALUE, Integer.MAX_VALUE, -1);

  static final List<Long> EDGE_LONGS = List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L);

  private final long seed;
  private final int rowsPerEntity;

  SampleOrderRows(long seed, int rowsPerEntity) {
    this.seed = seed;
    this.rowsPerEntity = rowsPerEntity;
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
}
