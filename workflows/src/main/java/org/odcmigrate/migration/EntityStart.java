package org.odcmigrate.migration;

import java.util.List;

/**
 * What starting an entity's copy gave: its key ranges to copy, and its verified result when the
 * entity was small enough to be copied and verified in the same activity (null otherwise).
 */
public record EntityStart(List<KeyRange> ranges, EntityResult result) {}
