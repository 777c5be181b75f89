package org.odcmigrate.migration;

/**
 * What one key range's copy committed, counted from its checkpoint (so retries do not count twice).
 */
public record RangeResult(long rowsWritten, long nulledReferences) {}
