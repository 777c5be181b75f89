package org.odcmigrate.api.core;

import org.odcmigrate.migration.Limits;

/**
 * The answer to a pause, resume or limits request: what the workflow was told.
 *
 * @param limits the limits in force after the change; null for a pause or resume
 */
public record ControlAccepted(String id, String targetStage, String action, Limits limits) {}
