package org.odcmigrate.o11;

/**
 * An active attribute of an O11 entity.
 *
 * @param type the basic type, or null when the attribute is a reference
 * @param reference the referenced entity, or null for a basic type
 * @param column the physical column name in the entity's table
 */
public record O11Attribute(
    String name,
    String key,
    String column,
    O11Type type,
    O11Reference reference,
    int length,
    int decimals,
    boolean mandatory,
    boolean autoNumber,
    String deleteRule) {

  public boolean isReference() {
    return reference != null;
  }

  /**
   * Whether the database keeps this reference valid: a reference inside module {@code moduleKey}
   * whose delete rule is Protect or Delete gets a foreign key (O11's and the converted app's);
   * Ignore lets it point to nothing.
   */
  public boolean hasForeignKey(String moduleKey) {
    return isReference()
        && reference.moduleKey().equalsIgnoreCase(moduleKey)
        && ("Protect".equals(deleteRule) || "Delete".equals(deleteRule));
  }

  /** The type as O11 writes it in ossys_Entity_Attr.Type. */
  public String typeCode() {
    return isReference() ? reference.code() : type.code();
  }
}
