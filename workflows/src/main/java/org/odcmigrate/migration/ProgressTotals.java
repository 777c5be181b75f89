package org.odcmigrate.migration;

import java.util.Collection;

/** The totals over a migration's apps that its progress and the Temporal UI show. */
record ProgressTotals(int entitiesTotal, int entitiesMigrated, long rowsWritten) {

  static ProgressTotals of(Collection<AppProgress> apps) {
    return new ProgressTotals(
        apps.stream().mapToInt(a -> a.entities().size()).sum(),
        apps.stream().mapToInt(AppProgress::entitiesMigrated).sum(),
        apps.stream().mapToLong(AppProgress::rowsWritten).sum());
  }

  /** The totals' lines in the Temporal UI's "current details" (Markdown). */
  String details() {
    return String.format(
        "Entities migrated: %d / %d%n%nRows written: %d",
        entitiesMigrated, entitiesTotal, rowsWritten);
  }
}
