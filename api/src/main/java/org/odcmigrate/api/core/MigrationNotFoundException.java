package org.odcmigrate.api.core;

/** No configured stage knows a migration with this id. */
public class MigrationNotFoundException extends RuntimeException {

  public MigrationNotFoundException(String id) {
    super("no data migration has the id '" + id + "' in any configured stage");
  }
}
