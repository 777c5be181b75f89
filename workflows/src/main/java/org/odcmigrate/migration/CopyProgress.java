package org.odcmigrate.migration;

/** Heartbeat details of a range copy: rows committed so far and the last key committed. */
public record CopyProgress(int range, long rowsWritten, String lastKey) {}
