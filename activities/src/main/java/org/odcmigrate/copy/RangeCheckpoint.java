package org.odcmigrate.copy;

import org.odcmigrate.model.KeyRange;

/** The durable state of one key range's copy: the last key committed and what was written. */
record RangeCheckpoint(KeyRange range, String lastKey, long rowsWritten, long nulledReferences, boolean completed) {

  /** Where the next read starts: after the last committed key, else at the range's lower bound. */
  String resumeAfter() {
    return lastKey != null ? lastKey : range.lowerExclusive();
  }
}
