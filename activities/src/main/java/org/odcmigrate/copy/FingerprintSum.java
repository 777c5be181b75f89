package org.odcmigrate.copy;

/**
 * A key range's source fingerprint summed up in the worker, row by row, from the row hashes the
 * source computes in the copy's own read: the same text that the source's aggregate query gives for
 * those rows ({@link org.odcmigrate.o11.SqlServerDialect#rangeFingerprint}, written by {@link
 * #text}), with no read of its own. Mutable: one per range copy, resumed from the checkpoint.
 *
 * <p>The text is {@value #FORMAT} followed by the row count and the four sums, colon-separated. The
 * prefix names the row hash they sum: one SHA-256 per row over its length-prefixed values. Earlier
 * versions hashed each value apart and wrote the five numbers alone; such a text, still in {@code
 * odc_catalog.range_fingerprint} or a checkpoint after an upgrade, can never equal one of this
 * format, so an incremental run copies its range again.
 */
final class FingerprintSum {

  /** The prefix of the fingerprints of this row hash. */
  static final String FORMAT = "v2";

  private long rows;
  private final long[] slices = new long[4];

  /** The sum of a range with no row yet. */
  static final String EMPTY = text(0, 0, 0, 0, 0);

  private FingerprintSum() {}

  /** A fingerprint's text: the row count and the four slice sums, after the format's prefix. */
  static String text(long rows, long slice1, long slice2, long slice3, long slice4) {
    return FORMAT + ":" + rows + ":" + slice1 + ":" + slice2 + ":" + slice3 + ":" + slice4;
  }

  /**
   * Resumes from a checkpoint's text; null when the checkpoint does not have one, or has one of an
   * earlier format over rows already committed: the rest of the range cannot be added to it, so the
   * range goes on without a fingerprint and the next incremental run copies it again. An earlier
   * format's sum of no row yet holds nothing to mix, so it starts afresh.
   */
  static FingerprintSum resume(String text) {
    if (text == null) {
      return null;
    }
    String[] parts = text.split(":");
    if (parts.length == 5 && !parts[0].equals(FORMAT)) {
      long[] earlier = parse(text, parts, 0);
      return earlier[0] == 0 ? new FingerprintSum() : null;
    }
    if (parts.length != 6 || !parts[0].equals(FORMAT)) {
      throw new IllegalArgumentException("not a range fingerprint: " + text);
    }
    long[] numbers = parse(text, parts, 1);
    FingerprintSum sum = new FingerprintSum();
    sum.rows = numbers[0];
    System.arraycopy(numbers, 1, sum.slices, 0, 4);
    return sum;
  }

  /** The five numbers from {@code parts[from]} on. */
  private static long[] parse(String text, String[] parts, int from) {
    long[] numbers = new long[5];
    try {
      for (int i = 0; i < 5; i++) {
        numbers[i] = Long.parseLong(parts[from + i]);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a range fingerprint: " + text, e);
    }
    return numbers;
  }

  /**
   * Adds one row: its SHA-256 as the source computed it, in four signed big-endian 32-bit slices.
   */
  void add(byte[] rowHash) {
    if (rowHash == null || rowHash.length < 16) {
      throw new IllegalStateException("the source gave no row hash for a copied row");
    }
    rows++;
    for (int i = 0; i < 4; i++) {
      int o = i * 4;
      slices[i] +=
          (rowHash[o] << 24)
              | ((rowHash[o + 1] & 0xff) << 16)
              | ((rowHash[o + 2] & 0xff) << 8)
              | (rowHash[o + 3] & 0xff);
    }
  }

  @Override
  public String toString() {
    return text(rows, slices[0], slices[1], slices[2], slices[3]);
  }
}
