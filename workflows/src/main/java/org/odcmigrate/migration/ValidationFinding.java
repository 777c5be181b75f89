package org.odcmigrate.migration;

/**
 * What the final validation found wrong in the stage after the load: an entity whose rows no longer
 * match what was verified, or an app whose foreign keys are not back.
 *
 * @param appKey the app concerned
 * @param entityKey the entity concerned, or null when the finding is about the app's keys
 * @param detail what differs, with both figures, and what to do
 */
public record ValidationFinding(String appKey, String entityKey, String detail) {}
