package org.odcmigrate.api.core;

/**
 * The answer to a cancel request: the workflow was told to stop; it removes the app data it copied,
 * redeploys what it undeployed and closes as CANCELLED shortly after.
 */
public record CancelAccepted(String id, String targetStage, String reason) {}
