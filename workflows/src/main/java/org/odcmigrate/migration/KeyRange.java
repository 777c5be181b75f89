package org.odcmigrate.migration;

/**
 * A slice of an entity's rows by identifier: {@code lower < id <= upper}; a null bound is open.
 * Bounds travel as text so that integer and text identifiers share one shape.
 */
public record KeyRange(int number, String lowerExclusive, String upperInclusive) {

  public static KeyRange whole() {
    return new KeyRange(0, null, null);
  }
}
