package org.odcmigrate.migration;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * Stage-side work around an app's load: foreign keys, the final validation, and removal of
 * partially copied data.
 */
@ActivityInterface
public interface AppSchemaActivities {

  /** Records then drops the app's foreign keys so its entities load in any order. */
  @ActivityMethod(name = "DropForeignKeys")
  void dropForeignKeys(String migrationId, String stage, String appKey);

  /** Re-creates and validates the foreign keys recorded by {@link #dropForeignKeys}. */
  @ActivityMethod(name = "RestoreForeignKeys")
  void restoreForeignKeys(String migrationId, String stage, String appKey);

  /** Empties every table of the plan and restores its foreign keys: what a cancel leaves behind. */
  @ActivityMethod(name = "DeleteCopiedAppData")
  void deleteCopiedData(String migrationId, String stage, List<AppPlan> apps);

  /**
   * Re-counts every entity of the apps in the stage, after their foreign keys are back: rows and
   * checksum against the figures the copy verified, every key range completed in the checkpoints,
   * and no foreign key left dropped. Changes nothing; an empty answer means the stage holds what
   * was verified.
   *
   * @param verified the verified figures per entity; null (a task scheduled before they were
   *     passed) or an entity missing from them is compared with its checkpoints instead
   * @param parallelEntities entities read at once (the migration's current limit); null (a task
   *     scheduled before it was passed) reads one at a time
   */
  @ActivityMethod(name = "ValidateStage")
  List<ValidationFinding> validateStage(
      String migrationId,
      String stage,
      List<AppPlan> apps,
      List<VerifiedEntity> verified,
      Integer parallelEntities);
}
