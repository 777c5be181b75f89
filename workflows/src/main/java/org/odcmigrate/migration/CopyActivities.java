package org.odcmigrate.migration;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * The copy of one entity: prepare once, copy its key ranges (in parallel), verify; or all three in
 * one activity for an entity of one range, and small entities a group per activity. All idempotent.
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

  /**
   * Copies entities one after the other as {@link #copySmallEntity} does, all in one activity,
   * since an activity costs more than copying a small entity. Returns a start per entity reached,
   * in order, and stops after an entity of several key ranges (prepared only), a range handed back
   * for a pause, an entity it could not copy (its start has no ranges: it goes on alone, where its
   * error is retried or reported), or a few seconds of work. Entities not reached are left as they
   * were.
   */
  @ActivityMethod(name = "CopySmallEntities")
  List<EntityStart> copySmallEntities(List<CopyTask> tasks);

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
