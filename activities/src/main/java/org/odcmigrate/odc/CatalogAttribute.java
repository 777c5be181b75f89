package org.odcmigrate.odc;

/**
 * An attribute of a stage entity, keyed by its O11 SS_Key.
 *
 * @param dataType the O11 type code it was converted from ({@code rtText}, {@code bt...*...})
 */
public record CatalogAttribute(
    String attributeKey,
    String name,
    String column,
    String dataType,
    int length,
    int decimals,
    boolean mandatory,
    boolean identifier,
    boolean autoNumber) {}
