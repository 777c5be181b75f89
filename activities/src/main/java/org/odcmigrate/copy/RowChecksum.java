package org.odcmigrate.copy;

import java.util.zip.CRC32C;

/**
 * A 64-bit checksum of one row's binary COPY bytes. Rows' checksums are summed (mod 2^64), so a
 * table's checksum does not depend on row order: computed over the rows as they were sent, and
 * again over the rows the stage returns with {@code COPY ... TO STDOUT (FORMAT binary)}, equal sums
 * mean the stage holds exactly the bytes sent.
 */
final class RowChecksum {

  private final CRC32C crc = new CRC32C();
  private long length;

  void reset() {
    crc.reset();
    length = 0;
  }

  void update(byte[] data, int offset, int count) {
    crc.update(data, offset, count);
    length += count;
  }

  /** CRC32C and length, spread over 64 bits (SplitMix64's finaliser) so sums do not cancel out. */
  long value() {
    long z = crc.getValue() ^ (length << 32) ^ 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
