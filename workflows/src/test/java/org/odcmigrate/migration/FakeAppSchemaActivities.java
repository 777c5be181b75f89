package org.odcmigrate.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Records foreign key and clean-up calls; an app counts as running from its drop to its restore.
 */
final class FakeAppSchemaActivities implements AppSchemaActivities {

  private static final long BLOCK_LIMIT_MILLIS = 30_000;

  private final CallLog calls;
  private final List<List<AppPlan>> deletions = new ArrayList<>();
  private final Arrivals dropping = new Arrivals();
  private final Gate dropsReleased = new Gate();
  private final Gate deleted = new Gate();
  private volatile ConcurrencyGauge apps = new ConcurrencyGauge(1);
  private volatile boolean blockingDrops;
  private volatile List<ValidationFinding> findings = List.of();
  private volatile List<VerifiedEntity> verified;
  private volatile Integer validationParallelism;

  FakeAppSchemaActivities(CallLog calls) {
    this.calls = calls;
  }

  /**
   * The first {@code count} apps wait for each other, so that a bound of {@code count} is reached.
   */
  void meetApps(int count) {
    apps = new ConcurrencyGauge(count);
  }

  int maxConcurrentApps() {
    return apps.max();
  }

  /**
   * Foreign key drops hang until {@link #releaseDrops()} and, like the real one, do not stop for a
   * cancel request: a statement on the stage runs to its end.
   */
  void blockDrops() {
    blockingDrops = true;
  }

  void awaitDropping(int count) {
    dropping.await(count, count + " foreign key drops are running");
  }

  void releaseDrops() {
    dropsReleased.open();
  }

  /** True if the copied data was deleted within {@code millis}. */
  boolean deletedWithin(long millis) {
    return deleted.waitFor(millis);
  }

  @Override
  public void dropForeignKeys(String migrationId, String stage, String appKey) {
    calls.add("DropForeignKeys " + appKey);
    if (blockingDrops) {
      dropping.arrive();
      dropsReleased.waitFor(BLOCK_LIMIT_MILLIS);
      calls.add("DropForeignKeys " + appKey + " finished");
    }
    apps.enter();
  }

  @Override
  public void restoreForeignKeys(String migrationId, String stage, String appKey) {
    calls.add("RestoreForeignKeys " + appKey);
    apps.exit();
  }

  @Override
  public void deleteCopiedData(String migrationId, String stage, List<AppPlan> plan) {
    calls.add(
        "DeleteCopiedAppData "
            + plan.stream().map(AppPlan::appKey).collect(Collectors.joining(",")));
    synchronized (deletions) {
      deletions.add(plan);
    }
    deleted.open();
  }

  /** The final validation answers these findings, as if the stage had lost rows after the copy. */
  void findOnValidation(List<ValidationFinding> found) {
    findings = List.copyOf(found);
  }

  @Override
  public List<ValidationFinding> validateStage(
      String migrationId,
      String stage,
      List<AppPlan> plan,
      List<VerifiedEntity> figures,
      Integer parallelEntities) {
    verified = figures;
    validationParallelism = parallelEntities;
    calls.add(
        "ValidateStage " + plan.stream().map(AppPlan::appKey).collect(Collectors.joining(",")));
    return findings;
  }

  /** The entities the final validation was told to read at once, or null before it ran. */
  Integer validationParallelism() {
    return validationParallelism;
  }

  /** The figures the workflow handed to the final validation, or null before it ran. */
  List<VerifiedEntity> verified() {
    return verified;
  }

  List<List<AppPlan>> deletions() {
    synchronized (deletions) {
      return List.copyOf(deletions);
    }
  }
}
