package org.odcmigrate.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.odcmigrate.migration.EntityRef;
import org.odcmigrate.odc.StageJson;
import org.odcmigrate.odc.StageTransaction;

/** The entity plans of a migration, kept in the stage so workflow histories carry only keys. */
public final class PlanStore {

  private PlanStore() {}

  /** Replaces the plans of a migration (planning again, after a reset, gives the same rows). */
  public static void save(Connection stage, String migrationId, List<EntityPlan> plans)
      throws SQLException {
    StageTransaction.run(stage, () -> replace(stage, migrationId, plans));
  }

  private static Void replace(Connection stage, String migrationId, List<EntityPlan> plans)
      throws SQLException {
    // Two attempts of the preparation (one timed out, still running) save one after the other:
    // the second would otherwise insert beside the first's uncommitted rows and fail on the key.
    try (PreparedStatement lock =
        stage.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
      lock.setString(1, "plan/" + migrationId);
      lock.execute();
    }
    try (PreparedStatement delete =
        stage.prepareStatement(
            "DELETE FROM odc_catalog.migration_entity_plan WHERE migration_id = ?")) {
      delete.setString(1, migrationId);
      delete.executeUpdate();
    }
    try (PreparedStatement insert =
        stage.prepareStatement(
            "INSERT INTO odc_catalog.migration_entity_plan (migration_id, app_key, entity_key, plan) VALUES (?, ?, ?, ?::jsonb)")) {
      for (EntityPlan plan : plans) {
        insert.setString(1, migrationId);
        insert.setString(2, plan.ref().appKey());
        insert.setString(3, plan.ref().entityKey());
        insert.setString(4, StageJson.write(plan));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    return null;
  }

  /** Every entity plan of a migration, in key order. */
  public static List<EntityPlan> all(Connection stage, String migrationId) throws SQLException {
    List<EntityPlan> plans = new ArrayList<>();
    try (PreparedStatement ps =
        stage.prepareStatement(
            "SELECT plan::text FROM odc_catalog.migration_entity_plan WHERE migration_id = ?"
                + " ORDER BY app_key, entity_key")) {
      ps.setString(1, migrationId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plans.add(StageJson.read(rs.getString(1), EntityPlan.class));
        }
      }
    }
    return plans;
  }

  public static EntityPlan load(Connection stage, String migrationId, EntityRef entity)
      throws SQLException {
    return find(stage, migrationId, entity)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no plan stored for " + entity + " in migration " + migrationId));
  }

  /** The entity's plan in a migration, if that migration planned it. */
  public static Optional<EntityPlan> find(Connection stage, String migrationId, EntityRef entity)
      throws SQLException {
    try (PreparedStatement ps =
        stage.prepareStatement(
            "SELECT plan::text FROM odc_catalog.migration_entity_plan WHERE migration_id = ? AND app_key = ? AND entity_key = ?")) {
      ps.setString(1, migrationId);
      ps.setString(2, entity.appKey());
      ps.setString(3, entity.entityKey());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(StageJson.read(rs.getString(1), EntityPlan.class))
            : Optional.empty();
      }
    }
  }
}
