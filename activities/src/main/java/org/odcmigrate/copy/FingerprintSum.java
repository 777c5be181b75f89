package org.odcmigrate.copy;

/**
 * A key range's source fingerprint summed up in the worker, row by row, from the row hashes the
 * source computes in the copy's own read: the same text that the source's aggregate query gives for
 * those rows ({@link org.odcmigrate.o11.SqlServerDialect#rangeFingerprint}), with no read of its
 * own. Mutable: one per range copy, resumed from the checkpoint.
 */
final class FingerprintSum {

  private long rows;
  private final long[] slices = new long[4];

  /** The sum of a range with no row yet. */
  static final String EMPTY = "0:0:0:0:0";

  private FingerprintSum() {}

  /** Resumes from a checkpoint's text; null when the checkpoint does not have one. */
  static FingerprintSum resume(String text) {
    if (text == null) {
      return null;
    }
    String[] parts = text.split(":");
    if (parts.length != 5) {
      throw new IllegalArgumentException("not a range fingerprint: " + text);
    }
    FingerprintSum sum = new FingerprintSum();
    sum.rows = Long.parseLong(parts[0]);
    for (int i = 0; i < 4; i++) {
      sum.slices[i] = Long.parseLong(parts[i + 1]);
    }
    return sum;
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
    return rows + ":" + slices[0] + ":" + slices[1] + ":" + slices[2] + ":" + slices[3];
  }
}
