package org.odcmigrate.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * What the copy does with the source values O11 apps accept but PostgreSQL or ODC would not take as
 * they are (configuration {@code migration.nullValues} and {@code migration.nulCharacters}).
 */
public record ValuePolicy(NullValues nullValues, NulCharacters nulCharacters) {

  public ValuePolicy {
    nullValues = nullValues == null ? NullValues.DEFAULT : nullValues;
    nulCharacters = nulCharacters == null ? NulCharacters.REJECT : nulCharacters;
  }

  public static ValuePolicy defaults() {
    return new ValuePolicy(NullValues.DEFAULT, NulCharacters.REJECT);
  }

  /** A NULL outside a reference, which O11 apps read as the type's default value. */
  public enum NullValues {
    /** Write the value the apps read: '', 0, False, 1900-01-01 00:00:00, an empty binary. */
    DEFAULT,
    /** Write NULL; the stage column must accept it. */
    KEEP,
    /** Stop the entity, naming table, column and key. */
    REJECT;

    @JsonCreator
    public static NullValues of(String name) {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
  }

  /** U+0000 in text, which PostgreSQL text cannot hold. */
  public enum NulCharacters {
    /** Stop the entity, naming table, column and key. */
    REJECT,
    /** Write U+FFFD instead of each one, counted. */
    REPLACE;

    @JsonCreator
    public static NulCharacters of(String name) {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
  }
}
