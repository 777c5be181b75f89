package org.odcmigrate.migration;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * The copy of one entity: prepare once, copy its key ranges (in parallel), verify; or all three in
 * one activity for an entity of one range. All idempotent.
 */
@ActivityInterface
public interface CopyActivities {

  /** Empties the stage table once per migration and splits the source rows into key ranges. */
  @ActivityMethod(name = "PrepareEntityCopy")
  List<KeyRange> prepareEntity(CopyTask task);

  /**
   * Prepares the entity as {@link #prepareEntity} does and, when that gives one key range or none,
   * copies and verifies it right away: most entities are small, and one activity costs a third of
   * three. A range handed back for a pause leaves the rest to the other steps.
   */
  @ActivityMethod(name = "CopySmallEntity")
  EntityStart copySmallEntity(CopyTask task);

  /** Streams one key range from O11 into the stage, resuming from its checkpoint. */
  @ActivityMethod(name = "CopyEntityRange")
  RangeResult copyRange(CopyTask task, KeyRange range);

  /**
   * Tells the migration's range copies, wherever they run, to hand their ranges back (pause) and
   * how many rows per second they share; they read it between batches.
   */
  @ActivityMethod(name = "ControlRunningCopies")
  void controlCopies(String migrationId, String stage, CopyControl control);

  /** Compares source and stage, moves the identity sequence past the copied ids, analyzes. */
  @ActivityMethod(name = "VerifyEntityCopy")
  EntityResult verifyEntity(CopyTask task);
}
