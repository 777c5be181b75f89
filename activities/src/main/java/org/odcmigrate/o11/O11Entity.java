package org.odcmigrate.o11;

import java.util.List;

/** An active entity of an O11 module with its active attributes, in their declared order. */
public record O11Entity(
    String name,
    String key,
    String physicalTable,
    Kind kind,
    boolean multitenant,
    String identifierKey,
    List<O11Attribute> attributes) {

  /** O11's Data_Kind. */
  public enum Kind {
    ENTITY,
    STATIC,
    CLIENT;

    static Kind of(String dataKind) {
      return switch (dataKind == null ? "entity" : dataKind) {
        case "staticEntity" -> STATIC;
        case "clientEntity" -> CLIENT;
        default -> ENTITY;
      };
    }
  }

  /** Whether the entity has an active identifier: O11 allows entities without one. */
  public boolean hasIdentifier() {
    return identifierKey != null
        && attributes.stream().anyMatch(a -> a.key().equalsIgnoreCase(identifierKey));
  }

  /** The identifier attribute: the one whose SS_Key is the entity's PrimaryKey_SS_Key. */
  public O11Attribute identifier() {
    return attributes.stream()
        .filter(a -> a.key().equalsIgnoreCase(identifierKey))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "entity "
                        + name
                        + " ("
                        + physicalTable
                        + ") has no active identifier attribute with SS_Key "
                        + identifierKey));
  }
}
