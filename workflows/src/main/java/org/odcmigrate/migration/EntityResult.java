package org.odcmigrate.migration;

import java.util.Map;
import java.util.TreeMap;

/**
 * What happened to one entity.
 *
 * @param sourceRows rows in the O11 table when the entity was verified
 * @param rowsWritten rows committed into the stage table by this migration
 * @param nulledReferences references set to NULL because their target does not exist in ODC
 * @param detail why it failed, or what the user should know about a completed copy
 * @param nulledByAttribute of {@code nulledReferences}, how many per reference attribute (only
 *     attributes with at least one)
 * @param nullsByAttribute NULLs outside references, per attribute, written as the type's default
 *     value the O11 apps read (or kept as NULL, as configured)
 * @param nulCharactersByAttribute U+0000 characters written as U+FFFD, per attribute
 * @param rangesKept key ranges an incremental run kept from the earlier migration, unchanged
 * @param rangesCopied key ranges this migration copied from O11
 * @param rowsRecopied rows an incremental run copied again (those of its copied ranges); 0 in a
 *     full run
 * @param verifiedChecksum the order-independent checksum of the stage table's rows that the
 *     verification established, which the final validation compares again; null until verified (and
 *     in results recorded before it was carried)
 */
public record EntityResult(
    EntityRef entity,
    Status status,
    long sourceRows,
    long rowsWritten,
    long nulledReferences,
    String detail,
    Map<String, Long> nulledByAttribute,
    Map<String, Long> nullsByAttribute,
    Map<String, Long> nulCharactersByAttribute,
    int rangesKept,
    int rangesCopied,
    long rowsRecopied,
    Long verifiedChecksum) {

  public EntityResult {
    nulledByAttribute = nulledByAttribute == null ? Map.of() : Map.copyOf(nulledByAttribute);
    nullsByAttribute = nullsByAttribute == null ? Map.of() : Map.copyOf(nullsByAttribute);
    nulCharactersByAttribute =
        nulCharactersByAttribute == null ? Map.of() : Map.copyOf(nulCharactersByAttribute);
  }

  public EntityResult(
      EntityRef entity,
      Status status,
      long sourceRows,
      long rowsWritten,
      long nulledReferences,
      String detail,
      Map<String, Long> nulledByAttribute,
      Map<String, Long> nullsByAttribute,
      Map<String, Long> nulCharactersByAttribute,
      int rangesKept,
      int rangesCopied,
      long rowsRecopied) {
    this(
        entity,
        status,
        sourceRows,
        rowsWritten,
        nulledReferences,
        detail,
        nulledByAttribute,
        nullsByAttribute,
        nulCharactersByAttribute,
        rangesKept,
        rangesCopied,
        rowsRecopied,
        null);
  }

  public EntityResult(
      EntityRef entity,
      Status status,
      long sourceRows,
      long rowsWritten,
      long nulledReferences,
      String detail,
      Map<String, Long> nulledByAttribute,
      Map<String, Long> nullsByAttribute,
      Map<String, Long> nulCharactersByAttribute) {
    this(
        entity,
        status,
        sourceRows,
        rowsWritten,
        nulledReferences,
        detail,
        nulledByAttribute,
        nullsByAttribute,
        nulCharactersByAttribute,
        0,
        0,
        0);
  }

  public EntityResult(
      EntityRef entity,
      Status status,
      long sourceRows,
      long rowsWritten,
      long nulledReferences,
      String detail,
      Map<String, Long> nulledByAttribute) {
    this(
        entity,
        status,
        sourceRows,
        rowsWritten,
        nulledReferences,
        detail,
        nulledByAttribute,
        Map.of(),
        Map.of());
  }

  /** The source values that were rewritten, in words, or null when none was. */
  public String rewrittenValues() {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(nullsByAttribute)
        .forEach(
            (a, n) ->
                out.append(out.length() == 0 ? "" : ", ")
                    .append(a)
                    .append(": ")
                    .append(n)
                    .append(" NULL"));
    new TreeMap<>(nulCharactersByAttribute)
        .forEach(
            (a, n) ->
                out.append(out.length() == 0 ? "" : ", ")
                    .append(a)
                    .append(": ")
                    .append(n)
                    .append(" U+0000 replaced"));
    return out.length() == 0 ? null : out.toString();
  }

  public EntityResult(
      EntityRef entity,
      Status status,
      long sourceRows,
      long rowsWritten,
      long nulledReferences,
      String detail) {
    this(entity, status, sourceRows, rowsWritten, nulledReferences, detail, Map.of());
  }

  /** This result failed by the final validation, with what it found; the figures stay. */
  public EntityResult failedValidation(String finding) {
    return new EntityResult(
        entity,
        Status.FAILED,
        sourceRows,
        rowsWritten,
        nulledReferences,
        finding,
        nulledByAttribute,
        nullsByAttribute,
        nulCharactersByAttribute,
        rangesKept,
        rangesCopied,
        rowsRecopied,
        verifiedChecksum);
  }

  /** The state of one entity's copy. */
  public enum Status {
    PENDING,
    COPYING,
    COMPLETED,
    FAILED,
    CANCELLED
  }

  public static EntityResult completed(
      EntityRef entity, long sourceRows, long rowsWritten, long nulled) {
    return new EntityResult(entity, Status.COMPLETED, sourceRows, rowsWritten, nulled, null);
  }

  public static EntityResult failed(EntityRef entity, String error) {
    return new EntityResult(entity, Status.FAILED, 0, 0, 0, error);
  }
}
