package org.odcmigrate.migration;

/**
 * The argument of the {@code pause} signal.
 *
 * @param by who asked (shown in the progress)
 * @param reason why, optional
 */
public record PauseRequest(String by, String reason) {}
