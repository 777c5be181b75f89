package org.odcmigrate.migration;

/**
 * What running range copies read from the stage while they run: a copy of a paused migration hands
 * its range back after its committed batch, and all copies share the row rate.
 *
 * @param revision a write of an older revision than the stage holds is ignored
 * @param maxRowsPerSecond for all copies of the migration together; 0 for no limit
 */
public record CopyControl(long revision, boolean paused, int maxRowsPerSecond) {}
