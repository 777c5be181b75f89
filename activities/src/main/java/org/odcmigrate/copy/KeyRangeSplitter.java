package org.odcmigrate.copy;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.odcmigrate.migration.KeyRange;
import org.odcmigrate.o11.SqlServerDialect;
import org.odcmigrate.plan.ColumnPlan;
import org.odcmigrate.plan.EntityPlan;
import org.odcmigrate.plan.ValueKind;

/**
 * Splits an entity's source table into key ranges: integer identifiers into equal spans of ids
 * (from MIN and MAX alone), text identifiers at every n-th key in the source's own order, so the
 * ranges' bounds compare in its collation.
 */
final class KeyRangeSplitter {

  private static final int MAX_RANGES = 16;

  private final DataSource source;

  KeyRangeSplitter(DataSource source) {
    this.source = source;
  }

  /** One range for a table of at most {@code splitRows} rows, else up to {@value MAX_RANGES}. */
  List<KeyRange> split(EntityPlan plan, long splitRows) throws SQLException {
    ColumnPlan id = plan.identifier();
    boolean integer = id.kind() == ValueKind.INTEGER || id.kind() == ValueKind.LONG_INTEGER;
    try (Connection connection = source.getConnection()) {
      long min;
      long max;
      long count;
      try (Statement st = connection.createStatement();
          ResultSet rs =
              st.executeQuery(
                  SqlServerDialect.keyStatistics(
                      connection, plan.sourceTable(), id.sourceColumn()))) {
        rs.next();
        min = integer ? rs.getLong(1) : 0;
        max = integer ? rs.getLong(2) : 0;
        count = rs.getLong(3);
      }
      int parts = (int) Math.min(MAX_RANGES, (count + splitRows - 1) / Math.max(1, splitRows));
      if (count <= splitRows || parts < 2) {
        return List.of(KeyRange.whole());
      }
      return integer
          ? spans(min, max, parts)
          : everyNthKey(connection, plan, (count + parts - 1) / parts);
    }
  }

  /** Ranges ending at every {@code step}-th key; the last range is open, for keys added since. */
  private static List<KeyRange> everyNthKey(Connection connection, EntityPlan plan, long step)
      throws SQLException {
    List<KeyRange> ranges = new ArrayList<>();
    String lower = null;
    try (PreparedStatement ps =
        connection.prepareStatement(
            SqlServerDialect.everyNthKey(
                connection, plan.sourceTable(), plan.identifier().sourceColumn()))) {
      ps.setLong(1, step);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String bound = rs.getString(1);
          ranges.add(new KeyRange(ranges.size(), lower, bound));
          lower = bound;
        }
      }
    }
    ranges.add(new KeyRange(ranges.size(), lower, null));
    return ranges;
  }

  /**
   * Equal id spans over [min, max] in exact arithmetic (ids may sit at the ends of their type),
   * bounds strictly increasing and never past max. The first and last ranges are open, so rows
   * outside [min, max] (inserted while a running environment is copied) are never missed.
   */
  static List<KeyRange> spans(long min, long max, int parts) {
    BigInteger low = BigInteger.valueOf(min);
    BigInteger width = BigInteger.valueOf(max).subtract(low).add(BigInteger.ONE);
    List<KeyRange> ranges = new ArrayList<>();
    String lower = null;
    BigInteger previous = null;
    for (int i = 1; i < parts; i++) {
      BigInteger bound =
          low.subtract(BigInteger.ONE)
              .add(width.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(parts)));
      if ((previous != null && bound.compareTo(previous) <= 0)
          || bound.compareTo(BigInteger.valueOf(max)) >= 0
          || bound.compareTo(low) < 0) {
        continue; // too few distinct ids for this many ranges
      }
      ranges.add(new KeyRange(ranges.size(), lower, bound.toString()));
      lower = bound.toString();
      previous = bound;
    }
    ranges.add(new KeyRange(ranges.size(), lower, null));
    return ranges;
  }
}
