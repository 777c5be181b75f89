package org.odcmigrate.migration;

/**
 * What one key range's copy committed, counted from its checkpoint (so retries do not count twice).
 *
 * @param handedBack the copy stopped after a committed batch because the migration is paused; the
 *     range is not done and goes on from its checkpoint after the resume
 */
public record RangeResult(long rowsWritten, long nulledReferences, boolean handedBack) {

  public RangeResult(long rowsWritten, long nulledReferences) {
    this(rowsWritten, nulledReferences, false);
  }
}
