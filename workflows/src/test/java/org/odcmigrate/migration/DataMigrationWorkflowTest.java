package org.odcmigrate.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a user sees of a migration that completes, is rejected, fails on data, or meets transient
 * errors.
 */
class DataMigrationWorkflowTest {

  private static final String REJECTED_VALUE =
      "Table OSUSR_HR_DEPARTMENT, column NAME, key 42: text of 300 characters does not fit Text(250)";

  private final MigrationHarness harness = new MigrationHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void copiesEveryEntityOfEveryAppAndSavesTheReport() {
    MigrationPlan plan = Fixtures.threeApps();
    Scenarios.Run run = Scenarios.completed(harness);
    MigrationReport report = run.report();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(report.error()).isNull();
    assertThat(report.apps())
        .extracting(AppProgress::appKey)
        .containsExactly("sales", "hr", "catalog");
    for (AppPlan app : plan.apps()) {
      AppProgress result = app(report, app.appKey());
      assertThat(result.status()).isEqualTo(MigrationStatus.COMPLETED);
      assertThat(result.error()).isNull();
      assertThat(result.entities())
          .extracting(EntityResult::entity)
          .containsExactlyElementsOf(app.entities());
      assertThat(result.entities())
          .allSatisfy(
              e -> {
                long rows = harness.copy.rowsOf(e.entity().entityKey());
                assertThat(e.status()).isEqualTo(EntityResult.Status.COMPLETED);
                assertThat(e.sourceRows()).isEqualTo(rows);
                assertThat(e.rowsWritten()).isEqualTo(rows);
              });
    }
    long totalRows =
        Fixtures.entities(plan).stream().mapToLong(e -> harness.copy.rowsOf(e.entityKey())).sum();
    assertThat(report.rowsWritten()).isEqualTo(totalRows);

    String split = "CopyEntityRange " + Scenarios.SPLIT_ENTITY;
    assertThat(harness.calls.of(split + "#"))
        .containsExactlyInAnyOrder(split + "#0", split + "#1", split + "#2");
    for (AppPlan app : plan.apps()) {
      assertThat(harness.calls.count("DropForeignKeys " + app.appKey())).isEqualTo(1);
      assertThat(harness.calls.count("RestoreForeignKeys " + app.appKey())).isEqualTo(1);
      assertThat(harness.calls.indexOf("DropForeignKeys " + app.appKey()))
          .isLessThan(harness.calls.indexOf("RestoreForeignKeys " + app.appKey()));
    }
    assertThat(harness.calls.of("ValidateStage")).containsExactly("ValidateStage sales,hr,catalog");
    int lastRestore =
        plan.apps().stream()
            .mapToInt(a -> harness.calls.indexOf("RestoreForeignKeys " + a.appKey()))
            .max()
            .orElseThrow();
    assertThat(harness.calls.indexOf("ValidateStage sales,hr,catalog")).isGreaterThan(lastRestore);
    assertThat(harness.schema.verified())
        .as("the final validation compares the stage with what each entity's copy verified")
        .containsExactlyInAnyOrderElementsOf(
            Fixtures.entities(plan).stream()
                .map(
                    e ->
                        new VerifiedEntity(
                            e,
                            harness.copy.rowsOf(e.entityKey()),
                            FakeCopyActivities.checksumOf(e.entityKey())))
                .toList());
    assertThat(harness.calls.all().get(0)).isEqualTo("RecordMigrationStart m-completed");
    assertThat(harness.calls.of("DeleteCopiedAppData")).isEmpty();
    assertThat(harness.reports.saved()).containsExactly(report);
  }

  /**
   * An entity of one key range is prepared, copied and verified inside a group's activity; a split
   * entity still copies its ranges in parallel activities and is verified after them.
   */
  @Test
  void aSmallEntityIsCopiedInOneActivity() {
    harness.copy.copySmallEntitiesInOneStep();
    MigrationPlan plan = Fixtures.threeApps();
    MigrationReport report = Scenarios.completed(harness).report();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(report.apps())
        .flatExtracting(AppProgress::entities)
        .extracting(EntityResult::status)
        .hasSize(plan.entityCount())
        .containsOnly(EntityResult.Status.COMPLETED);
    String split = Scenarios.SPLIT_ENTITY;
    for (EntityRef entity : Fixtures.entities(plan)) {
      String key = entity.entityKey();
      assertThat(harness.calls.count("CopySmallEntity " + key)).as(key).isEqualTo(1);
      assertThat(harness.calls.count("VerifyEntityCopy " + key)).as(key).isEqualTo(1);
    }
    List<String> activities = activityTypes(plan);
    assertThat(activities).doesNotContain("PrepareEntityCopy");
    assertThat(activities).doesNotContain("CopySmallEntity");
    // Three entities an app and four entities at a time: every entity has a group of its own.
    assertThat(activities.stream().filter("CopySmallEntities"::equals)).hasSize(plan.entityCount());
    assertThat(activities.stream().filter("CopyEntityRange"::equals)).hasSize(3);
    assertThat(activities.stream().filter("VerifyEntityCopy"::equals)).hasSize(1);
    assertThat(harness.calls.of("CopyEntityRange " + split + "#")).hasSize(3);
  }

  /**
   * Many small entities share few activities: the app's entities are shared out over the slots,
   * each group copied in one activity, every entity still verified and reported on its own.
   */
  @Test
  void manySmallEntitiesAreCopiedInGroups() {
    MigrationPlan plan = planOfSmallEntities(40);

    MigrationReport report = harness.migrate(Fixtures.request("m-many", Fixtures.options(2, 4)));

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(report.apps().get(0).entities())
        .extracting(EntityResult::rowsWritten)
        .hasSize(40)
        .containsOnly(FakeCopyActivities.DEFAULT_ROWS);
    for (EntityRef entity : Fixtures.entities(plan)) {
      assertThat(harness.calls.count("VerifyEntityCopy " + entity.entityKey()))
          .as(entity.entityKey())
          .isEqualTo(1);
    }
    // 40 entities over 4 slots: groups of 10.
    assertThat(activityTypes(plan))
        .containsOnly("DropForeignKeys", "CopySmallEntities", "RestoreForeignKeys");
    assertThat(activityTypes(plan).stream().filter("CopySmallEntities"::equals)).hasSize(4);
  }

  /**
   * An entity a group could not copy goes on in activities of its own, where its error is reported;
   * the group's other entities are copied as usual.
   */
  @Test
  void anEntityAGroupCannotCopyGoesOnAlone() {
    MigrationPlan plan = planOfSmallEntities(8);
    harness.copy.reject("many-1", "Entity1.Name: a value is too long for the ODC attribute");

    MigrationReport report = harness.migrate(Fixtures.request("m-reject", Fixtures.options(1, 1)));

    assertThat(report.status()).isEqualTo(MigrationStatus.FAILED);
    assertThat(report.apps().get(0).entities())
        .filteredOn(e -> e.status() != EntityResult.Status.COMPLETED)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.entity().entityKey()).isEqualTo("many-1");
              assertThat(e.detail()).contains("a value is too long for the ODC attribute");
            });
    assertThat(harness.calls.of("CopySmallEntities many-0,")).hasSize(1);
    assertThat(harness.calls.of("CopySmallEntities many-2,")).hasSize(1);
  }

  /**
   * The plan the migration gets: entities many-0, many-1, ... of app "many", each copied in one
   * step of its group.
   */
  private MigrationPlan planOfSmallEntities(int count) {
    List<EntityRef> entities = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      entities.add(new EntityRef("many", "Many", "many-" + i, "Entity" + i));
    }
    MigrationPlan plan =
        new MigrationPlan(List.of(new AppPlan("many", "Many", "app_many", entities)));
    harness.copy.copySmallEntitiesInOneStep();
    harness.planning.willReturn(plan);
    return plan;
  }

  /** The activities the app workflows scheduled, by type, as the Temporal UI lists them. */
  private List<String> activityTypes(MigrationPlan plan) {
    return plan.apps().stream()
        .flatMap(
            app ->
                harness
                    .history(AppDataMigrationWorkflow.workflowId(Fixtures.STAGE, app.appName()))
                    .getEvents()
                    .stream())
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
        .toList();
  }

  /**
   * The last progress outlives every worker: while apps copy and once finished, the memo that
   * Temporal's describe returns holds the phase, the counts and the last log lines; each app's own
   * memo holds its entities as they finish.
   */
  @Test
  void theLastProgressIsKeptInTheMemoWhileCopyingAndAtTheEnd() {
    harness.planning.willReturn(Fixtures.threeApps());
    harness.copy.blockCopies();
    DataMigrationWorkflow workflow = harness.start(Fixtures.request("m-memo"));
    harness.copy.awaitCopying(Fixtures.threeApps().entityCount());
    String id = DataMigrationWorkflow.workflowId(Fixtures.STAGE);

    MigrationProgress copying = harness.keptProgress(id, MigrationProgress.class);
    assertThat(copying.migrationId()).isEqualTo("m-memo");
    assertThat(copying.phase()).isEqualTo(Phase.APP_DATA);
    assertThat(copying.entitiesTotal()).isEqualTo(8);
    assertThat(copying.apps())
        .extracting(AppProgress::status)
        .containsOnly(MigrationStatus.RUNNING);
    assertThat(copying.apps().get(0).entities()).hasSize(3);

    harness.copy.release();
    MigrationReport report = MigrationHarness.result(workflow);
    AppProgress sales =
        harness.keptProgress(
            AppDataMigrationWorkflow.workflowId(Fixtures.STAGE, "Sales"), AppProgress.class);
    assertThat(sales.entities())
        .hasSize(3)
        .allSatisfy(
            e -> {
              assertThat(e.status()).isEqualTo(EntityResult.Status.COMPLETED);
              assertThat(e.rowsWritten()).isEqualTo(harness.copy.rowsOf(e.entity().entityKey()));
            });
    MigrationProgress finished = harness.keptProgress(id, MigrationProgress.class);
    assertThat(finished.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(finished.phase()).isEqualTo(Phase.FINISHED);
    assertThat(finished.entitiesMigrated()).isEqualTo(8);
    assertThat(finished.rowsWritten()).isEqualTo(report.rowsWritten());
    assertThat(finished.log()).hasSizeLessThanOrEqualTo(ProgressMemo.LOG_LINES);
    assertThat(finished.log().get(finished.log().size() - 1).message())
        .startsWith("Data migration completed");
  }

  @Test
  void rowsLostAfterVerificationFailTheMigrationWithBothFigures() {
    String lost = "Hr.Employee: the stage table holds 95 rows but this migration wrote 100";
    harness.schema.findOnValidation(
        List.of(
            new ValidationFinding(
                "hr", Fixtures.threeApps().apps().get(1).entities().get(0).entityKey(), lost)));
    MigrationReport report = Scenarios.completed(harness).report();

    assertThat(report.status()).isEqualTo(MigrationStatus.FAILED);
    assertThat(report.error()).contains("apps not migrated", lost);
    AppProgress hr = app(report, "hr");
    assertThat(hr.status()).isEqualTo(MigrationStatus.FAILED);
    assertThat(hr.entities().get(0).status()).isEqualTo(EntityResult.Status.FAILED);
    assertThat(hr.entities().get(0).detail()).isEqualTo(lost);
    assertThat(app(report, "sales").status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(report.log()).extracting(LogLine::message).contains("Validation failed: " + lost);
  }

  @Test
  void progressAfterCompletionShowsTheFinishedMigrationAndItsLog() {
    Scenarios.Run run = Scenarios.completed(harness);

    MigrationProgress progress = run.workflow().progress();

    assertThat(progress.phase()).isEqualTo(Phase.FINISHED);
    assertThat(progress.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(progress.entitiesTotal()).isEqualTo(8);
    assertThat(progress.entitiesMigrated()).isEqualTo(8);
    assertThat(progress.rowsWritten()).isEqualTo(run.report().rowsWritten());
    assertThat(progress.usersMigrated())
        .isEqualTo(FakeUserActivities.USERS)
        .isEqualTo(run.report().usersMigrated());
    assertThat(progress.startedAt()).isEqualTo(run.report().startedAt());
    assertThat(progress.finishedAt()).isEqualTo(run.report().finishedAt());
    assertThat(progress.apps())
        .extracting(AppProgress::status)
        .containsOnly(MigrationStatus.COMPLETED);
    assertThat(progress.log())
        .extracting(LogLine::message)
        .containsSubsequence(
            "Data migration m-completed from o11-production to dev started",
            "Preparation: checking the apps, the data model and the data",
            "Plan: 3 apps, 8 entities",
            "O11 environment o11-production kept running: changes made in it during the run are not migrated",
            "Apps kept deployed: changes users make in them during the run may be lost",
            "End users: transferring the users of the default Users provider",
            "End users: 25 in the stage (25 new, 0 updated, 40 role assignments)",
            "App data: copying 3 apps",
            "Copying app Sales (3 entities)",
            "Copying app Hr (2 entities)",
            "Copying app Catalog (3 entities)",
            "Validation: counting every entity in the stage again",
            "Validation: every entity's rows and checksum match what was verified, and every foreign key is back",
            "Data migration completed: 8 entities, " + run.report().rowsWritten() + " rows");
    assertThat(progress.log())
        .extracting(LogLine::message)
        .filteredOn(m -> m.startsWith("App ") && m.contains(" copied: "))
        .hasSize(3);
    assertThat(progress.log()).extracting(LogLine::level).containsOnly(LogLine.Level.INFO);
    assertThat(progress.log()).extracting(LogLine::time).isSorted();
  }

  @Test
  void rejectedPlanFailsTheMigrationWithTheProblemsAndTouchesNoData() {
    Scenarios.Run run = Scenarios.planRejected(harness);
    MigrationReport report = run.report();

    assertThat(report.status()).isEqualTo(MigrationStatus.FAILED);
    assertThat(report.error()).isEqualTo(Scenarios.PLAN_PROBLEMS);
    assertThat(report.apps()).isEmpty();
    assertThat(harness.calls.of("PlanMigration")).hasSize(1);
    assertThat(harness.calls.all())
        .noneMatch(
            c ->
                c.startsWith("DropForeignKeys")
                    || c.startsWith("PrepareEntityCopy")
                    || c.startsWith("CopyEntityRange")
                    || c.startsWith("DeleteCopiedAppData"));
    assertThat(harness.reports.saved()).containsExactly(report);
    assertThat(run.workflow().progress().log())
        .last()
        .isEqualTo(
            new LogLine(
                report.finishedAt(),
                LogLine.Level.ERROR,
                "Data migration failed: " + Scenarios.PLAN_PROBLEMS));
  }

  @Test
  void rejectedDataFailsItsAppOnlyAndStillPutsBackItsForeignKeys() {
    harness.planning.willReturn(Fixtures.threeApps());
    harness.copy.reject("hr-department", REJECTED_VALUE);

    MigrationReport report = harness.migrate(Fixtures.request("m-rejected-data"));

    assertThat(report.status()).isEqualTo(MigrationStatus.FAILED);
    assertThat(report.error()).contains("Hr").doesNotContain("Sales").doesNotContain("Catalog");
    assertThat(app(report, "sales").status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(app(report, "catalog").status()).isEqualTo(MigrationStatus.COMPLETED);
    AppProgress hr = app(report, "hr");
    assertThat(hr.status()).isEqualTo(MigrationStatus.FAILED);
    assertThat(hr.error()).contains("Department").contains(REJECTED_VALUE);
    assertThat(entity(hr, "hr-department").status()).isEqualTo(EntityResult.Status.FAILED);
    assertThat(entity(hr, "hr-department").detail()).isEqualTo(REJECTED_VALUE);
    assertThat(entity(hr, "hr-employee").status()).isEqualTo(EntityResult.Status.COMPLETED);
    assertThat(entity(hr, "hr-employee").rowsWritten()).isEqualTo(FakeCopyActivities.DEFAULT_ROWS);

    // Rejected data is not retried: the user has to fix it first.
    assertThat(harness.calls.count("CopyEntityRange hr-department#0")).isEqualTo(1);
    // A failed app is not left without its keys: they are put back over the data it holds.
    assertThat(harness.calls.of("RestoreForeignKeys"))
        .containsExactlyInAnyOrder(
            "RestoreForeignKeys sales", "RestoreForeignKeys catalog", "RestoreForeignKeys hr");
    assertThat(harness.calls.of("DeleteCopiedAppData")).isEmpty();
    assertThat(harness.reports.saved()).containsExactly(report);
  }

  @Test
  void transientCopyErrorsAreRetriedUntilTheRangeIsCopied() {
    harness.planning.willReturn(Fixtures.threeApps());
    // More failures than a bounded retry policy would typically allow.
    harness.copy.failTransiently("sales-order", 4);

    MigrationReport report = harness.migrate(Fixtures.request("m-transient"));

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    EntityResult order = entity(app(report, "sales"), "sales-order");
    assertThat(order.status()).isEqualTo(EntityResult.Status.COMPLETED);
    assertThat(order.rowsWritten()).isEqualTo(FakeCopyActivities.DEFAULT_ROWS);
    assertThat(harness.calls.count("CopyEntityRange sales-order#0")).isEqualTo(5);
  }

  static AppProgress app(MigrationReport report, String appKey) {
    List<AppProgress> matching =
        report.apps().stream().filter(a -> a.appKey().equals(appKey)).toList();
    assertThat(matching).as("results of app %s", appKey).hasSize(1);
    return matching.get(0);
  }

  static EntityResult entity(AppProgress app, String entityKey) {
    return app.entities().stream()
        .filter(e -> e.entity().entityKey().equals(entityKey))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no result for entity " + entityKey));
  }
}
