package org.odcmigrate.migration;

/**
 * What the end users phase did.
 *
 * @param migrated users now in the stage's user store and map
 * @param skipped users left out because their email cannot be an ODC login
 * @param roleAssignments direct role assignments now in the stage for these users
 */
public record UsersResult(
    int migrated, int created, int updated, int skipped, int roleAssignments) {}
