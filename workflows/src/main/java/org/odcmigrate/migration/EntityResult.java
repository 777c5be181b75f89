package org.odcmigrate.migration;

import java.util.Map;
import org.odcmigrate.model.EntityRef;

/**
 * What happened to one entity.
 *
 * @param sourceRows rows in the O11 table when the entity was verified
 * @param rowsWritten rows committed into the stage table by this migration
 * @param nulledReferences references set to NULL because their target does not exist in ODC
 * @param detail why it failed, or what the user should know about a completed copy
 * @param nulledByAttribute of {@code nulledReferences}, how many per reference attribute (only
 *     attributes with at least one)
 */
public record EntityResult(
    EntityRef entity,
    Status status,
    long sourceRows,
    long rowsWritten,
    long nulledReferences,
    String detail,
    Map<String, Long> nulledByAttribute) {

  public EntityResult {
    nulledByAttribute = nulledByAttribute == null ? Map.of() : Map.copyOf(nulledByAttribute);
  }

  public EntityResult(EntityRef entity, Status status, long sourceRows, long rowsWritten, long nulledReferences,
      String detail) {
    this(entity, status, sourceRows, rowsWritten, nulledReferences, detail, Map.of());
  }

  /** The state of one entity's copy. */
  public enum Status {
    PENDING,
    COPYING,
    COMPLETED,
    FAILED,
    CANCELLED
  }

  public static EntityResult completed(EntityRef entity, long sourceRows, long rowsWritten, long nulled) {
    return new EntityResult(entity, Status.COMPLETED, sourceRows, rowsWritten, nulled, null);
  }

  public static EntityResult failed(EntityRef entity, String error) {
    return new EntityResult(entity, Status.FAILED, 0, 0, 0, error);
  }
}
