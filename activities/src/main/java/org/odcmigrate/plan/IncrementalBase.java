package org.odcmigrate.plan;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.odcmigrate.migration.EntityRef;
import org.odcmigrate.o11.O11Metadata;
import org.odcmigrate.odc.StageCatalog;
import org.odcmigrate.report.MigrationStore;

/**
 * The earlier migration an incremental run builds on: the stage's last completed one, provided it
 * came from the same environment and planned the same apps, entities and attributes.
 */
public final class IncrementalBase {

  /** Why an incremental run cannot build on the stage's last migration, in one sentence. */
  public static final class RefusedException extends RuntimeException {
    RefusedException(String message) {
      super(message);
    }
  }

  private IncrementalBase() {}

  /** The id of the migration to build on; refused with the reason otherwise. */
  public static String find(Connection source, Connection stage, String environment)
      throws SQLException {
    Optional<MigrationStore.Completed> last =
        StageCatalog.isInstalled(stage) ? MigrationStore.lastCompleted(stage) : Optional.empty();
    if (last.isEmpty()) {
      throw new RefusedException(
          "incremental: the stage has no completed migration to build on; run a full migration"
              + " first");
    }
    String base = last.get().migrationId();
    if (!last.get().sourceEnvironment().equals(environment)) {
      throw new RefusedException(
          "incremental: the stage's last completed migration "
              + base
              + " came from environment "
              + last.get().sourceEnvironment()
              + ", not "
              + environment
              + "; run a full migration");
    }
    PlanResult now = new Planner(O11Metadata.read(source), StageCatalog.apps(stage)).plan();
    planDifference(stage, base, now.entities())
        .ifPresent(
            d -> {
              throw new RefusedException(d);
            });
    return base;
  }

  /** How {@code entities} differ from the plans of migration {@code base}, if they do. */
  public static Optional<String> planDifference(
      Connection stage, String base, List<EntityPlan> entities) throws SQLException {
    Map<String, EntityPlan> before =
        PlanStore.all(stage, base).stream()
            .collect(Collectors.toMap(p -> key(p.ref()), Function.identity()));
    for (EntityPlan plan : entities) {
      EntityPlan earlier = before.remove(key(plan.ref()));
      if (earlier == null) {
        return refusal(base, "entity " + plan.ref() + " is new");
      }
      if (!earlier.copiesAs(plan)) {
        return refusal(base, "the attributes or table of " + plan.ref() + " changed");
      }
    }
    if (!before.isEmpty()) {
      return refusal(
          base, "entity " + before.values().iterator().next().ref() + " is no longer planned");
    }
    return Optional.empty();
  }

  private static Optional<String> refusal(String base, String what) {
    return Optional.of(
        "incremental: the plan changed since migration "
            + base
            + " ("
            + what
            + "); run a full migration");
  }

  private static String key(EntityRef ref) {
    return ref.appKey() + "/" + ref.entityKey();
  }
}
