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

  /**
   * An entity whose identifier is a User (O11's way to extend the user) holds a user that has no
   * ODC user: the row has no key to be written under.
   */
  static DataRejectedException userIdentifierNotMigrated(String where, int user) {
    return new DataRejectedException(
        where
            + " is O11 user "
            + user
            + ", who has no ODC user, and the entity's identifier is its user, so the row has no key"
            + " in ODC. Users of other tenants or providers, users left out for an invalid email and"
            + " users created after the end users were migrated have none: migrate that user (fix"
            + " the email; a new migration takes new users along) or delete the row in O11, then"
            + " start the migration again");
  }

  static DataRejectedException unexpectedNull(String where) {
    return new DataRejectedException(
        where
            + " is NULL, which O11 never writes outside references:"
            + " set a value in O11, then start the migration again");
  }
}
