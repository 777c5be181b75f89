package org.odcmigrate.api.core;

/** The answer of {@code POST /api/environments/{name}/start}: the environment is running again. */
public record EnvironmentStarted(String environment, String workflowId) {}
