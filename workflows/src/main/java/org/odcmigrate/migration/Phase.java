package org.odcmigrate.migration;

/** The phases of a data migration, in the order the ODC portal shows them. */
public enum Phase {
  PREPARATION,
  END_USERS,
  APP_DATA,
  VALIDATION,
  FINISHED
}
