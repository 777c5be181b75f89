package org.odcmigrate.plan;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.ControlConfig;
import org.odcmigrate.failure.ActivityRunner;
import org.odcmigrate.migration.AppPlan;
import org.odcmigrate.migration.MigrationPlan;
import org.odcmigrate.migration.MigrationRequest;
import org.odcmigrate.migration.PlanningActivities;
import org.odcmigrate.o11.O11Metadata;
import org.odcmigrate.o11.O11Model;
import org.odcmigrate.odc.CatalogApp;
import org.odcmigrate.odc.PublishedCheck;
import org.odcmigrate.odc.StageCatalog;
import org.odcmigrate.users.EmailValidator;
import org.odcmigrate.users.O11Users;

/** Plans a migration from the O11 metadata and the stage catalog, and stores the entity plans. */
public class PlanningActivitiesImpl implements PlanningActivities {

  private final Connections connections;

  public PlanningActivitiesImpl(Connections connections) {
    this.connections = connections;
  }

  @Override
  public MigrationPlan planMigration(MigrationRequest request) {
    return ActivityRunner.call(
        () -> {
          List<String> problems = new ArrayList<>(requestProblems(request));
          try (Connection source = connections.source(request.sourceEnvironment()).getConnection();
              Connection stage = connections.stage(request.targetStage()).getConnection()) {
            O11Model model = O11Metadata.read(source);
            StageCatalog.install(stage);
            List<CatalogApp> apps = StageCatalog.apps(stage);
            PlanResult result = new Planner(model, apps).plan();
            problems.addAll(result.problems());
            Set<String> planned =
                result.apps().stream().map(AppPlan::appKey).collect(Collectors.toSet());
            problems.addAll(
                PublishedCheck.problems(
                    stage,
                    apps.stream().filter(a -> planned.contains(a.appKey())).toList(),
                    request.migrationId()));
            problems.addAll(blockers(request, source, model, result.entities()));
            if (!request.stopEnvironment()
                && connections.environment(request.sourceEnvironment()).snapshotReads()) {
              problems.addAll(
                  SnapshotIsolationCheck.problems(
                      source, request.sourceEnvironment(), result.entities()));
            }
            problems.addAll(
                KeptNulls.problems(source, stage, result.entities(), connections.values()));
            if (request.incrementalFrom() != null) {
              IncrementalBase.planDifference(stage, request.incrementalFrom(), result.entities())
                  .ifPresent(problems::add);
            }
            if (!request.skipEndUsers() && !request.skipInvalidUsers()) {
              EmailValidator.validate(O11Users.read(source))
                  .forEach(
                      issue ->
                          problems.add(
                              issue.describe()
                                  + " (or start the migration with skipInvalidUsers to leave such users out)"));
            }
            if (!problems.isEmpty()) {
              throw new PlanRejectedException(problems);
            }
            PlanStore.save(stage, request.migrationId(), result.entities());
            return new MigrationPlan(result.apps(), model.derived());
          }
        });
  }

  /**
   * The blockers' scans, several entities at once on the source's spare connections (this activity
   * holds one); with none spare, on the connection held.
   */
  private List<String> blockers(
      MigrationRequest request, Connection held, O11Model model, List<EntityPlan> entities)
      throws SQLException, IOException {
    String environment = request.sourceEnvironment();
    int spare = connections.environment(environment).maxConnections() - 1;
    int parallelism = Math.min(request.options().parallelEntities(), spare);
    return parallelism < 2
        ? Blockers.find(held, model, entities)
        : Blockers.find(connections.source(environment), model, entities, parallelism);
  }

  /** Choices of the request that this installation cannot carry out. */
  private List<String> requestProblems(MigrationRequest request) {
    List<String> problems = new ArrayList<>();
    if (request.stopEnvironment()
        && connections.environment(request.sourceEnvironment()).control().type()
            == ControlConfig.Type.NONE) {
      problems.add(
          "environment "
              + request.sourceEnvironment()
              + " has no control configured to stop it"
              + " (control.type: database or webhook): choose to keep it running");
    }
    if (request.undeployApps()
        && connections.stageConfig(request.targetStage()).control().type()
            == ControlConfig.Type.NONE) {
      problems.add(
          "stage "
              + request.targetStage()
              + " has no control configured to undeploy its apps"
              + " (control.type: database or webhook): choose to keep them deployed");
    }
    if (request.skipEndUsers() && connections.stageConfig(request.targetStage()).production()) {
      problems.add(
          "stage "
              + request.targetStage()
              + " is a production stage: end users cannot be skipped there");
    }
    return problems;
  }
}
