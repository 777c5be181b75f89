package org.odcmigrate.o11;

/** The target of a reference attribute: an entity named by its espace's and its own SS_Key. */
public record O11Reference(String moduleKey, String entityKey) {

  /**
   * Parses O11's {@code bt<espace SS_Key>*<entity SS_Key>}; null when the code is not a reference.
   */
  public static O11Reference parse(String typeCode) {
    if (typeCode == null || !typeCode.startsWith("bt")) {
      return null;
    }
    int star = typeCode.indexOf('*');
    if (star < 0) {
      throw new IllegalArgumentException(
          "reference type '" + typeCode + "' lacks the '*' between espace and entity keys");
    }
    return new O11Reference(typeCode.substring(2, star), typeCode.substring(star + 1));
  }

  public String code() {
    return "bt" + moduleKey + "*" + entityKey;
  }
}
