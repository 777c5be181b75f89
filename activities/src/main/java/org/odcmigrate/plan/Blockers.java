package org.odcmigrate.plan;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.odcmigrate.copy.ParallelReads;
import org.odcmigrate.o11.O11Entity;
import org.odcmigrate.o11.O11Model;
import org.odcmigrate.o11.O11Module;
import org.odcmigrate.o11.SqlServerDialect;
import org.odcmigrate.users.O11Users;

/**
 * The data ODC refuses, found before anything is written (the same blockers as the ODC portal's own
 * data migration): text over 100,000,000 characters, binaries over 20 MB, rows of tenants other
 * than the default, modules whose users come from another provider, values wider than their
 * attribute ({@link NarrowedAttributes}) and references the stage's foreign keys refuse ({@link
 * OrphanReferences}). {@code check} and the migration's preparation both run these.
 */
public final class Blockers {

  /** nvarchar stores two bytes per UTF-16 unit: 100,000,000 characters. */
  static final long MAX_TEXT_BYTES = 2L * 100_000_000;

  static final long MAX_BINARY_BYTES = 20L * 1024 * 1024;
  private static final String TENANT_COLUMN = "TENANT_ID";

  private Blockers() {}

  /** What keeps the plan's entities from migrating, one entity after the other. */
  public static List<String> find(Connection source, O11Model model, List<EntityPlan> plans)
      throws SQLException {
    List<String> problems = moduleProblems(model, plans);
    List<Integer> defaultTenants = defaultTenants(source);
    for (EntityPlan plan : plans) {
      problems.addAll(ofEntity(source, model, plan, defaultTenants));
    }
    return problems;
  }

  /**
   * The same, scanning up to {@code parallelism} entities at once, each on a connection of its own
   * (the scans read whole tables, and planning waits for them): the problems in plan order.
   */
  public static List<String> find(
      DataSource source, O11Model model, List<EntityPlan> plans, int parallelism)
      throws SQLException, IOException {
    List<String> problems = moduleProblems(model, plans);
    List<Integer> defaultTenants;
    try (Connection connection = source.getConnection()) {
      defaultTenants = defaultTenants(connection);
    }
    List<Callable<List<String>>> scans = new ArrayList<>();
    for (EntityPlan plan : plans) {
      scans.add(
          () -> {
            try (Connection connection = source.getConnection()) {
              return ofEntity(connection, model, plan, defaultTenants);
            }
          });
    }
    ParallelReads.all(scans, parallelism).forEach(problems::addAll);
    return problems;
  }

  private static List<String> moduleProblems(O11Model model, List<EntityPlan> plans) {
    List<String> problems = new ArrayList<>();
    for (O11Module module : model.modules()) {
      if (!module.defaultUserProvider()
          && plans.stream().anyMatch(p -> p.sourceModuleKey().equalsIgnoreCase(module.key()))) {
        problems.add(
            "module "
                + module.name()
                + " takes its end users from another user provider than Users:"
                + " only users of the default provider can be migrated");
      }
    }
    return problems;
  }

  private static List<String> ofEntity(
      Connection source, O11Model model, EntityPlan plan, List<Integer> defaultTenants)
      throws SQLException {
    List<String> problems = new ArrayList<>();
    // Every plan comes from a module of this model: the planner matched them.
    O11Entity entity = Assessment.entityOf(model, plan);
    lobsTooLarge(source, plan, problems);
    NarrowedAttributes.find(source, plan, entity, problems);
    OrphanReferences.find(source, model, plan, entity, problems);
    if (entity.multitenant()) {
      otherTenants(source, plan, defaultTenants, problems);
    }
    return problems;
  }

  /** Only nvarchar(max) and varbinary(max) columns can hold such values: only they are scanned. */
  private static void lobsTooLarge(Connection source, EntityPlan plan, List<String> problems)
      throws SQLException {
    List<ColumnPlan> lobs =
        plan.columns().stream()
            .filter(c -> c.kind() == ValueKind.BINARY || c.kind() == ValueKind.LONG_TEXT)
            .toList();
    if (lobs.isEmpty()) {
      return;
    }
    StringJoiner sums =
        new StringJoiner(", ", "SELECT ", " FROM " + SqlServerDialect.table(plan.sourceTable()));
    for (ColumnPlan lob : lobs) {
      long limit = lob.kind() == ValueKind.BINARY ? MAX_BINARY_BYTES : MAX_TEXT_BYTES;
      sums.add(
          "SUM(CASE WHEN DATALENGTH("
              + SqlServerDialect.quote(lob.sourceColumn())
              + ") > "
              + limit
              + " THEN 1 ELSE 0 END)");
    }
    try (PreparedStatement ps = source.prepareStatement(sums.toString());
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      for (int i = 0; i < lobs.size(); i++) {
        long count = rs.getLong(i + 1);
        if (count > 0) {
          ColumnPlan lob = lobs.get(i);
          problems.add(
              plan.ref()
                  + "."
                  + lob.attribute()
                  + ": "
                  + count
                  + " value(s) over "
                  + (lob.kind() == ValueKind.BINARY
                      ? "20 MB, the largest Binary Data ODC stores"
                      : "100,000,000 characters, the longest Text ODC stores")
                  + ": shorten them in O11");
        }
      }
    }
  }

  private static void otherTenants(
      Connection source, EntityPlan plan, List<Integer> defaultTenants, List<String> problems)
      throws SQLException {
    StringJoiner ids = new StringJoiner(", ", "(", ")");
    defaultTenants.forEach(id -> ids.add(id.toString()));
    String sql =
        "SELECT "
            + SqlServerDialect.count(source, "*")
            + " FROM "
            + SqlServerDialect.table(plan.sourceTable())
            + " WHERE "
            + SqlServerDialect.quote(TENANT_COLUMN)
            + (defaultTenants.isEmpty() ? " IS NOT NULL" : " NOT IN " + ids);
    try (PreparedStatement ps = source.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      long count = rs.getLong(1);
      if (count > 0) {
        problems.add(
            plan.ref()
                + ": "
                + count
                + " row(s) belong to tenants other than the default one:"
                + " ODC has no tenants, so only the default tenant's data can be migrated");
      }
    }
  }

  private static List<Integer> defaultTenants(Connection source) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (PreparedStatement ps = source.prepareStatement(O11Users.USERS_TENANT);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }
}
