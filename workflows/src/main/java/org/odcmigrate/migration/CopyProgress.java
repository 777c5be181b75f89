package org.odcmigrate.migration;

/**
 * Heartbeat details of a range copy: which entity and range, rows committed so far in the range,
 * the last key committed. The API reads them from the pending activities to show live row counts.
 */
public record CopyProgress(String entityKey, int range, long rowsWritten, String lastKey) {}
