package org.odcmigrate.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.odcmigrate.o11.O11Attribute;
import org.odcmigrate.o11.O11Entity;
import org.odcmigrate.o11.O11Model;
import org.odcmigrate.o11.O11Type;
import org.odcmigrate.o11.SqlServerDialect;

/**
 * References the stage's foreign keys will refuse: a Protect or Delete reference inside an app that
 * points to a row of a (non-static) entity that does not exist, as rows written through SQL in O11
 * can. The copy writes them as they are and restoring the app's foreign keys would fail after the
 * whole load, so they block the start instead. So does a text reference that finds its row only in
 * the source's collation (another case, trailing spaces): O11 and SQL Server take it for the same
 * identifier, the stage's foreign key compares exactly. References to static entities are not
 * counted here: the copy rewrites those to deleted records as NULL.
 */
final class OrphanReferences {

  private OrphanReferences() {}

  /** One line per reference attribute of the entity that holds such values, saying what to fix. */
  static void find(
      Connection source, O11Model model, EntityPlan plan, O11Entity entity, List<String> problems)
      throws SQLException {
    for (O11Attribute attribute : entity.attributes()) {
      if (!attribute.hasForeignKey(plan.sourceModuleKey()) || attribute == entity.identifier()) {
        continue;
      }
      Optional<O11Entity> target =
          model.target(attribute.reference()).filter(t -> t.kind() == O11Entity.Kind.ENTITY);
      Optional<ColumnPlan> column =
          plan.columns().stream()
              .filter(c -> c.sourceColumn().equalsIgnoreCase(attribute.column()))
              .findFirst();
      if (target.isEmpty() || column.isEmpty()) {
        continue;
      }
      long[] counts = count(source, plan, attribute, target.get());
      String where = plan.ref() + "." + column.get().attribute() + ": ";
      if (counts[0] > 0) {
        problems.add(
            where
                + counts[0]
                + " row(s) reference "
                + target.get().name()
                + " rows that do not exist, which the stage's foreign key refuses:"
                + " delete or fix them in O11");
      }
      if (counts[1] > 0) {
        problems.add(
            where
                + counts[1]
                + " row(s) reference "
                + target.get().name()
                + " by a text that differs from its identifier in case or trailing spaces, which"
                + " O11 matches and the stage's foreign key refuses: make them equal in O11");
      }
    }
  }

  /**
   * One aggregate per attribute, the rows pointing to nothing and those matching only in the
   * source's collation: the source joins the two tables, no row comes over the wire.
   */
  private static long[] count(
      Connection source, EntityPlan plan, O11Attribute attribute, O11Entity target)
      throws SQLException {
    String reference = "s." + SqlServerDialect.quote(attribute.column());
    String id = "t." + SqlServerDialect.quote(target.identifier().column());
    boolean text = target.identifier().type() == O11Type.TEXT;
    String loose =
        text
            ? SqlServerDialect.count(
                source,
                "CASE WHEN "
                    + id
                    + " IS NOT NULL AND NOT ("
                    + SqlServerDialect.sameText(source, id, reference)
                    + ") THEN 1 END")
            : "0";
    String sql =
        "SELECT "
            + SqlServerDialect.count(source, "CASE WHEN " + id + " IS NULL THEN 1 END")
            + ", "
            + loose
            + " FROM "
            + SqlServerDialect.table(plan.sourceTable())
            + " s LEFT JOIN "
            + SqlServerDialect.table(target.physicalTable())
            + " t ON "
            + id
            + " = "
            + reference
            + " WHERE "
            + reference
            + " IS NOT NULL";
    try (PreparedStatement ps = source.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }
}
