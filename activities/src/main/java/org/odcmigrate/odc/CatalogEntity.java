package org.odcmigrate.odc;

import java.util.List;

/** An entity of a stage app, keyed by its O11 SS_Key. */
public record CatalogEntity(
    String entityKey,
    String name,
    String table,
    boolean isStatic,
    List<CatalogAttribute> attributes) {}
