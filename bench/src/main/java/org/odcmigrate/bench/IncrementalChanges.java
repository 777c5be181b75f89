package org.odcmigrate.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The O11 changes between the full run and the incremental one of scenario "incremental", on the
 * "wide" sample: 1 % of the rows updated, 0.1 % inserted and 0.1 % deleted, either concentrated in
 * a few key ranges or spread over every range. Deletes and inserts touch the entities no other one
 * references (order lines, customer notes), as O11's delete rules would leave them consistent.
 */
final class IncrementalChanges {

  /** An entity the changes touch: what an update sets, and whether rows may come and go. */
  private record Target(String entity, String update, boolean leaf) {}

  private static final List<Target> TARGETS =
      List.of(
          new Target("Customer", "[NAME] = CASE WHEN [NAME] = 'x' THEN 'y' ELSE 'x' END", false),
          new Target("Order", "[STATUS] = CASE WHEN [STATUS] = 7 THEN 8 ELSE 7 END", false),
          new Target("OrderLine", "[QUANTITY] = CASE WHEN [QUANTITY] = 7 THEN 8 ELSE 7 END", true),
          new Target(
              "CustomerNote", "[BODY] = CASE WHEN [BODY] = 'x' THEN 'y' ELSE 'x' END", true));

  private IncrementalChanges() {}

  /** The changes in a contiguous block of ids starting at the given fraction of each table. */
  static String concentrated(Connection o11, double at) throws SQLException {
    return apply(
        o11,
        (min, max) -> {
          long rows = max - min + 1;
          long from = min + (long) (rows * at);
          return new long[] {from, from + rows / 100, from + rows / 100, rows / 1000};
        });
  }

  /** The same numbers of changes, spread evenly over every key range. */
  static String spread(Connection o11) throws SQLException {
    return apply(o11, (min, max) -> null);
  }

  private interface Block {
    /** {updateFrom, updateTo, deleteFrom, deleteCount}, or null to spread by id modulo. */
    long[] of(long min, long max);
  }

  private static String apply(Connection o11, Block block) throws SQLException {
    long updated = 0;
    long inserted = 0;
    long deleted = 0;
    try (Statement st = o11.createStatement()) {
      for (Target target : TARGETS) {
        String table = "[" + physicalTable(st, target.entity()) + "]";
        long min;
        long max;
        try (ResultSet rs = st.executeQuery("SELECT MIN([ID]), MAX([ID]) FROM " + table)) {
          rs.next();
          min = rs.getLong(1);
          max = rs.getLong(2);
        }
        long[] b = block.of(min, max);
        updated +=
            st.executeUpdate(
                "UPDATE "
                    + table
                    + " SET "
                    + target.update()
                    + (b == null
                        ? " WHERE [ID] % 100 = 7"
                        : " WHERE [ID] >= " + b[0] + " AND [ID] < " + b[1]));
        if (!target.leaf()) {
          continue;
        }
        deleted +=
            st.executeUpdate(
                "DELETE FROM "
                    + table
                    + (b == null
                        ? " WHERE [ID] % 1000 = 3"
                        : " WHERE [ID] >= " + b[2] + " AND [ID] < " + (b[2] + b[3])));
        String others = String.join(", ", otherColumns(st, physicalTable(st, target.entity())));
        long offset = max - min + 1;
        inserted +=
            st.executeUpdate(
                "INSERT INTO "
                    + table
                    + " ([ID], "
                    + others
                    + ") SELECT [ID] + "
                    + offset
                    + ", "
                    + others
                    + " FROM "
                    + table
                    + " WHERE [ID] % 1000 = 5");
      }
    }
    return String.format(
        "%,d rows updated, %,d inserted, %,d deleted in %s", updated, inserted, deleted, names());
  }

  private static String names() {
    return String.join(", ", TARGETS.stream().map(Target::entity).toList());
  }

  private static String physicalTable(Statement st, String entity) throws SQLException {
    try (ResultSet rs =
        st.executeQuery(
            "SELECT e.[Physical_Table_Name] FROM [ossys_Entity] e JOIN [ossys_Espace] m"
                + " ON m.[Id] = e.[Espace_Id] WHERE e.[Name] = '"
                + entity
                + "' AND m.[Is_Active] = 1")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static List<String> otherColumns(Statement st, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (ResultSet rs =
        st.executeQuery(
            "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = '"
                + table
                + "' AND COLUMN_NAME <> 'ID' ORDER BY ORDINAL_POSITION")) {
      while (rs.next()) {
        columns.add("[" + rs.getString(1) + "]");
      }
    }
    return columns;
  }
}
