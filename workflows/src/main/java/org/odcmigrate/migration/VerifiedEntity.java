package org.odcmigrate.migration;

import java.util.List;

/**
 * What the copy's verification established for one entity, handed to the final validation so that
 * it compares the stage with these figures rather than with checkpoints that a crash can revert
 * together with their rows.
 *
 * @param entity the entity
 * @param rows rows the stage table held when verified (in an incremental run, the whole table's)
 * @param checksum the stage table's checksum when verified, or null when the verification predates
 *     it being carried
 */
public record VerifiedEntity(EntityRef entity, long rows, Long checksum) {

  /** The verified figures of every completed entity of the apps. */
  public static List<VerifiedEntity> of(List<AppProgress> apps) {
    return apps.stream()
        .flatMap(a -> a.entities().stream())
        .filter(e -> e.status() == EntityResult.Status.COMPLETED)
        .map(e -> new VerifiedEntity(e.entity(), e.rowsWritten(), e.verifiedChecksum()))
        .toList();
  }
}
