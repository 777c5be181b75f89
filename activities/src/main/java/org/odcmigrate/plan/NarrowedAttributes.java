package org.odcmigrate.plan;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.StringJoiner;
import org.odcmigrate.o11.O11Attribute;
import org.odcmigrate.o11.O11Entity;
import org.odcmigrate.o11.SqlServerDialect;
import org.odcmigrate.odc.StageTypes;

/**
 * Values wider than their attribute: O11 keeps a column as it is when an attribute's Length or
 * Decimals is lowered, so the column can hold longer texts, more decimals or more integer digits
 * than the ODC column converted from the attribute. PostgreSQL refuses such a value in the middle
 * of the load, or silently cuts trailing spaces and rounds decimals, which the verification then
 * finds after the whole copy. Only columns the database declares wider than the attribute are
 * scanned, in one aggregate per entity.
 */
final class NarrowedAttributes {

  private NarrowedAttributes() {}

  /** One line per attribute holding such values, saying what to fix. */
  static void find(Connection source, EntityPlan plan, O11Entity entity, List<String> problems)
      throws SQLException {
    List<ColumnPlan> sized =
        plan.columns().stream()
            .filter(c -> !c.reference())
            .filter(c -> c.kind() == ValueKind.TEXT || c.kind() == ValueKind.DECIMAL)
            .toList();
    if (sized.isEmpty()) {
      return;
    }
    Map<String, Declared> declared = declaredSizes(source, plan, sized);
    List<String> counts = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (ColumnPlan column : sized) {
      Optional<O11Attribute> attribute = Assessment.attributeOf(entity, column);
      Declared physical = declared.get(column.sourceColumn().toLowerCase(Locale.ROOT));
      if (attribute.isEmpty() || physical == null) {
        continue;
      }
      String c = SqlServerDialect.quote(column.sourceColumn());
      String where = plan.ref() + "." + column.attribute() + ": ";
      OptionalInt length = StageTypes.varcharLength(attribute.get());
      if (length.isPresent() && physical.precision() > length.getAsInt()) {
        // DATALENGTH counts trailing spaces too: 2 bytes per UTF-16 unit of an nvarchar, 1 per
        // character of a varchar.
        long bytes = (physical.singleByte() ? 1L : 2L) * length.getAsInt();
        counts.add(countWhere("DATALENGTH(" + c + ") > " + bytes));
        lines.add(
            where
                + "%d value(s) longer than the attribute's Length of "
                + length.getAsInt()
                + " characters (its O11 column holds "
                + physical.precision()
                + "), which the stage's varchar("
                + length.getAsInt()
                + ") refuses or cuts: shorten them in O11 or lengthen the attribute");
      }
      Optional<StageTypes.Numeric> numeric = StageTypes.numeric(attribute.get());
      if (numeric.isPresent()) {
        int scale = numeric.get().scale();
        int digits = numeric.get().precision() - scale;
        if (physical.scale() > scale) {
          // A cast to 38 digits rounds where ROUND would overflow SQL Server's decimal(p,s).
          counts.add(countWhere("CAST(" + c + " AS DECIMAL(38, " + scale + ")) <> " + c));
          lines.add(
              where
                  + "%d value(s) with more than "
                  + scale
                  + " decimal place(s), which the stage's numeric("
                  + numeric.get().precision()
                  + ","
                  + scale
                  + ") would round: round them in O11 or raise the attribute's Decimals");
        }
        if (physical.precision() - physical.scale() > digits) {
          counts.add(countWhere("ABS(" + c + ") >= " + BigDecimal.TEN.pow(digits).toPlainString()));
          lines.add(
              where
                  + "%d value(s) of more than "
                  + digits
                  + " integer digit(s), which the stage's numeric("
                  + numeric.get().precision()
                  + ","
                  + scale
                  + ") refuses: change them in O11 or raise the attribute's Length");
        }
      }
    }
    if (counts.isEmpty()) {
      return;
    }
    StringJoiner select =
        new StringJoiner(", ", "SELECT ", " FROM " + SqlServerDialect.table(plan.sourceTable()));
    counts.forEach(select::add);
    try (PreparedStatement ps = source.prepareStatement(select.toString());
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      for (int i = 0; i < lines.size(); i++) {
        long count = rs.getLong(i + 1);
        if (count > 0) {
          problems.add(String.format(Locale.ROOT, lines.get(i), count));
        }
      }
    }
  }

  private static String countWhere(String condition) {
    return "SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END)";
  }

  /**
   * A column as the database declares it: characters or digits, decimal places, and whether it
   * stores a character in one byte (SQL Server's varchar; H2 counts every text as nvarchar).
   */
  private record Declared(int precision, int scale, boolean singleByte) {}

  /** Each column's declared size, from the driver. */
  private static Map<String, Declared> declaredSizes(
      Connection source, EntityPlan plan, List<ColumnPlan> columns) throws SQLException {
    StringJoiner select =
        new StringJoiner(
            ", ",
            "SELECT ",
            " FROM " + SqlServerDialect.table(plan.sourceTable()) + " WHERE 1 = 0");
    columns.forEach(c -> select.add(SqlServerDialect.quote(c.sourceColumn())));
    Map<String, Declared> sizes = new HashMap<>();
    try (PreparedStatement ps = source.prepareStatement(select.toString());
        ResultSet rs = ps.executeQuery()) {
      ResultSetMetaData meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        sizes.put(
            meta.getColumnName(i).toLowerCase(Locale.ROOT),
            new Declared(
                meta.getPrecision(i),
                meta.getScale(i),
                List.of("varchar", "char")
                    .contains(meta.getColumnTypeName(i).toLowerCase(Locale.ROOT))));
      }
    }
    return sizes;
  }
}
