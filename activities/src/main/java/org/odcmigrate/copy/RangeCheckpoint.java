package org.odcmigrate.copy;

import org.odcmigrate.migration.KeyRange;

/**
 * The durable state of one key range's copy: the last key committed, what was written, its
 * checksum, the source's fingerprint of the rows committed so far in {@link FingerprintSum}'s text
 * (null for a checkpoint written before the copy took it; another format when written by a version
 * with an earlier row hash); {@code kept} when an incremental run took the range over from an
 * earlier migration.
 */
record RangeCheckpoint(
    KeyRange range,
    String lastKey,
    long rowsWritten,
    long nulledReferences,
    long checksum,
    boolean completed,
    boolean kept,
    String sourceFingerprint) {

  /** Where the next read starts: after the last committed key, else at the range's lower bound. */
  String resumeAfter() {
    return lastKey != null ? lastKey : range.lowerExclusive();
  }
}
