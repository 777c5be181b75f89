package org.odcmigrate.o11;

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
}
