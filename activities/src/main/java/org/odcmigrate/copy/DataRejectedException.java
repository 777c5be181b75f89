package org.odcmigrate.copy;

/**
 * A source value that cannot be written to ODC as it is; the message names table, column and key.
 */
public final class DataRejectedException extends RuntimeException {

  private DataRejectedException(String message) {
    super(message);
  }

  static DataRejectedException nulCharacter(String where) {
    return new DataRejectedException(
        where
            + " holds the character U+0000, which PostgreSQL text cannot store:"
            + " remove it from the value in O11, then start the migration again");
  }

  static DataRejectedException unpairedSurrogate(String where, int position) {
    return new DataRejectedException(
        where
            + " holds half of a UTF-16 surrogate pair at position "
            + position
            + " (often left where text was cut to a length), which is no character and PostgreSQL text cannot store:"
            + " correct the value in O11, then start the migration again");
  }

  static DataRejectedException unexpectedNull(String where) {
    return new DataRejectedException(
        where
            + " is NULL, which O11 never writes outside references:"
            + " set a value in O11, then start the migration again");
  }
}
