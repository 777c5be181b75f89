package org.odcmigrate.o11;

import java.util.Arrays;
import java.util.Optional;

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

  /** The type for a code such as {@code rtText}; empty when O11 lists no such type. */
  public static Optional<O11Type> ofCode(String code) {
    return Arrays.stream(values()).filter(t -> t.code.equalsIgnoreCase(code)).findFirst();
  }
}
