package org.odcmigrate.copy;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.odcmigrate.migration.AppPlan;
import org.odcmigrate.migration.EntityRef;
import org.odcmigrate.migration.ValidationFinding;
import org.odcmigrate.migration.VerifiedEntity;
import org.odcmigrate.odc.ForeignKeys;
import org.odcmigrate.plan.EntityPlan;
import org.odcmigrate.plan.PlanStore;

/**
 * Counts an entity's stage table again: the copy's verification compares it with the checkpoints
 * this migration committed (the same rows, the same order-independent checksum of their bytes), and
 * the final validation compares it with what that verification established, since a crash can
 * revert a batch together with its checkpoint.
 */
public final class StageRecount {

  /** Why the stage can lose verified rows, and what to do. */
  private static final String LOST =
      ": rows were lost or changed after the copy verified them (a stage that crashed without"
          + " committing durably, or a change made in the stage meanwhile); start the migration"
          + " again";

  private StageRecount() {}

  /** What differs between the stage table and this migration's committed rows, if anything. */
  static Optional<String> difference(
      Connection stage, EntityRef entity, EntityPlan plan, List<RangeCheckpoint> ranges)
      throws SQLException, IOException {
    long written = ranges.stream().mapToLong(RangeCheckpoint::rowsWritten).sum();
    long sent = ranges.stream().mapToLong(RangeCheckpoint::checksum).sum();
    StageChecksum.Result held = StageChecksum.of(stage, plan);
    if (held.rows() != written) {
      return Optional.of(
          entity
              + ": the stage table holds "
              + held.rows()
              + " rows but this migration wrote "
              + written
              + ": something else changed the table; start the migration again");
    }
    if (held.checksum() != sent) {
      return Optional.of(
          entity
              + ": the stage table's checksum "
              + Long.toHexString(held.checksum())
              + " differs from the checksum of the rows written, "
              + Long.toHexString(sent)
              + ": the stored values are not the ones sent; start the migration again");
    }
    return Optional.empty();
  }

  /**
   * What differs between the stage table and the figures the copy verified, or a key range that the
   * checkpoints no longer show completed (a crash reverts a batch together with its checkpoint).
   */
  private static Optional<String> againstVerified(
      EntityRef entity,
      StageChecksum.Result held,
      VerifiedEntity verified,
      List<RangeCheckpoint> ranges) {
    String differs = null;
    if (held.rows() != verified.rows()) {
      differs =
          "the stage table holds "
              + held.rows()
              + " rows but this migration verified "
              + verified.rows();
    } else if (verified.checksum() != null && held.checksum() != verified.checksum()) {
      differs =
          "the stage table's checksum "
              + Long.toHexString(held.checksum())
              + " differs from the checksum verified, "
              + Long.toHexString(verified.checksum());
    }
    Optional<String> unfinished = unfinished(ranges);
    if (differs == null && unfinished.isEmpty()) {
      return Optional.empty();
    }
    String both =
        differs == null ? unfinished.get() : differs + unfinished.map(u -> ", and " + u).orElse("");
    return Optional.of(entity + ": " + both + LOST);
  }

  /** The key ranges the checkpoints do not show completed, in words, if any. */
  private static Optional<String> unfinished(List<RangeCheckpoint> ranges) {
    if (ranges.isEmpty()) {
      return Optional.of("its checkpoints hold no key range");
    }
    List<Integer> open =
        ranges.stream().filter(r -> !r.completed()).map(r -> r.range().number()).toList();
    if (open.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        (open.size() == 1 ? "key range " + open.get(0) + " is" : "key ranges " + open + " are")
            + " not completed in its checkpoints");
  }

  /**
   * The final validation of a migration: every planned entity re-counted against the figures the
   * copy verified, with every key range completed in the checkpoints, and every app's foreign keys
   * back in place. An entity without verified figures (null, or not among them) is compared with
   * its checkpoints, as before those figures were passed. Up to {@code parallelism} entities are
   * read at once, each on a connection of its own: the validation reads the whole stage while the
   * environment may be stopped, so its length is downtime. Findings come in plan order. Read-only.
   */
  public static List<ValidationFinding> findings(
      DataSource stage,
      String migrationId,
      List<AppPlan> apps,
      List<VerifiedEntity> verified,
      int parallelism)
      throws SQLException, IOException {
    Map<String, VerifiedEntity> byKey = new HashMap<>();
    if (verified != null) {
      verified.forEach(
          v -> byKey.put(CheckpointStore.key(v.entity().appKey(), v.entity().entityKey()), v));
    }
    List<Callable<Optional<ValidationFinding>>> checks = new ArrayList<>();
    for (AppPlan app : apps) {
      for (EntityRef entity : app.entities()) {
        VerifiedEntity figures =
            byKey.get(CheckpointStore.key(entity.appKey(), entity.entityKey()));
        checks.add(
            () -> {
              try (Connection connection = stage.getConnection()) {
                return check(connection, migrationId, entity, figures)
                    .map(d -> new ValidationFinding(app.appKey(), entity.entityKey(), d));
              }
            });
      }
    }
    List<Optional<ValidationFinding>> answers = ParallelReads.all(checks, parallelism);
    List<ValidationFinding> findings = new ArrayList<>();
    int next = 0;
    try (Connection connection = stage.getConnection()) {
      for (AppPlan app : apps) {
        for (int i = 0; i < app.entities().size(); i++) {
          answers.get(next++).ifPresent(findings::add);
        }
        for (String key : ForeignKeys.stillDropped(connection, app.schema())) {
          findings.add(
              new ValidationFinding(
                  app.appKey(),
                  null,
                  "app "
                      + app.appName()
                      + ": foreign key "
                      + key
                      + " is still dropped; it comes back when a migration of the app completes"));
        }
      }
    }
    return findings;
  }

  /** What is wrong with one entity in the stage, if anything. */
  private static Optional<String> check(
      Connection stage, String migrationId, EntityRef entity, VerifiedEntity figures)
      throws SQLException, IOException {
    EntityPlan plan = PlanStore.load(stage, migrationId, entity);
    List<RangeCheckpoint> ranges = new CheckpointStore(migrationId, entity).all(stage);
    return figures == null
        ? difference(stage, entity, plan, ranges)
            .or(() -> unfinished(ranges).map(u -> entity + ": " + u + LOST))
        : againstVerified(entity, StageChecksum.of(stage, plan), figures, ranges);
  }
}
