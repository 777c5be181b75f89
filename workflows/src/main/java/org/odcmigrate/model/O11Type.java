package org.odcmigrate.model;

import java.util.Arrays;

/**
 * The basic attribute types of O11 as spelled in ossys_Entity_Attr.Type; references are separate.
 */
public enum O11Type {
  TEXT("rtText"),
  INTEGER("rtInteger"),
  LONG_INTEGER("rtLongInteger"),
  BOOLEAN("rtBoolean"),
  DATE_TIME("rtDateTime"),
  DATE("rtDate"),
  TIME("rtTime"),
  DECIMAL("rtDecimal"),
  CURRENCY("rtCurrency"),
  EMAIL("rtEmail"),
  PHONE_NUMBER("rtPhoneNumber"),
  BINARY_DATA("rtBinaryData");

  private final String code;

  O11Type(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The type for a code such as {@code rtText}; fails with the code when O11 has no such type. */
  public static O11Type ofCode(String code) {
    return Arrays.stream(values())
        .filter(t -> t.code.equalsIgnoreCase(code))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("unknown O11 attribute type '" + code + "'"));
  }

  /** The value kind of a non-reference attribute of this type. */
  public ValueKind valueKind() {
    return switch (this) {
      case TEXT, EMAIL, PHONE_NUMBER -> ValueKind.TEXT;
      case INTEGER -> ValueKind.INTEGER;
      case LONG_INTEGER -> ValueKind.LONG_INTEGER;
      case BOOLEAN -> ValueKind.BOOLEAN;
      case DATE_TIME -> ValueKind.DATE_TIME;
      case DATE -> ValueKind.DATE;
      case TIME -> ValueKind.TIME;
      case DECIMAL, CURRENCY -> ValueKind.DECIMAL;
      case BINARY_DATA -> ValueKind.BINARY;
    };
  }
}
