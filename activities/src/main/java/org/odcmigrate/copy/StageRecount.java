package org.odcmigrate.copy;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.odcmigrate.migration.AppPlan;
import org.odcmigrate.migration.EntityRef;
import org.odcmigrate.migration.ValidationFinding;
import org.odcmigrate.odc.ForeignKeys;
import org.odcmigrate.plan.EntityPlan;
import org.odcmigrate.plan.PlanStore;

/**
 * Counts an entity's stage table again and compares it with the checkpoints this migration
 * committed: the same rows and the same order-independent checksum of their bytes. The copy's
 * verification and the final validation both ask it, so they prove the same thing.
 */
public final class StageRecount {

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
   * The final validation of a migration: every planned entity re-counted, and every app's foreign
   * keys back in place. Read-only.
   */
  public static List<ValidationFinding> findings(
      Connection stage, String migrationId, List<AppPlan> apps) throws SQLException, IOException {
    List<ValidationFinding> findings = new ArrayList<>();
    for (AppPlan app : apps) {
      for (EntityRef entity : app.entities()) {
        EntityPlan plan = PlanStore.load(stage, migrationId, entity);
        List<RangeCheckpoint> ranges = new CheckpointStore(migrationId, entity).all(stage);
        difference(stage, entity, plan, ranges)
            .ifPresent(
                d -> findings.add(new ValidationFinding(app.appKey(), entity.entityKey(), d)));
      }
      for (String key : ForeignKeys.stillDropped(stage, app.schema())) {
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
    return findings;
  }
}
