package org.odcmigrate.o11;

import java.util.List;

/**
 * An active O11 module (espace) and its entities.
 *
 * @param defaultUserProvider true when its end users come from the default Users provider
 */
public record O11Module(
    String name, String key, boolean defaultUserProvider, List<O11Entity> entities) {}
