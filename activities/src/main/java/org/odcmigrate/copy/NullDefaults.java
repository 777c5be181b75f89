package org.odcmigrate.copy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.odcmigrate.plan.ColumnPlan;

/** What an O11 app reads for a NULL outside references, written in the stage's binary format. */
final class NullDefaults {

  private NullDefaults() {}

  /**
   * The value an O11 app reads for a NULL of this type; DateTime's unset value is never shifted.
   */
  static void write(ResultSet rs, int index, ColumnPlan column, PgBinaryOutput out)
      throws IOException, SQLException {
    switch (column.kind()) {
      case INTEGER -> out.writeInt4(0);
      case LONG_INTEGER -> out.writeInt8(0);
      case TEXT, LONG_TEXT -> out.writeText("");
      case BOOLEAN -> out.writeBoolean(false);
      case DATE_TIME -> out.writeTimestamp(RowEncoder.O11_NULL_DATE_TIME);
      case DATE -> out.writeDate(RowEncoder.O11_NULL_DATE_TIME.toLocalDate());
      case TIME -> out.writeTime(RowEncoder.O11_NULL_DATE_TIME.toLocalTime());
      // Zero at the column's scale, as the stage stores it (and as its checksum reads it back).
      case DECIMAL ->
          out.writeNumeric(BigDecimal.ZERO.setScale(Math.max(rs.getMetaData().getScale(index), 0)));
      case BINARY -> out.writeStream(0, InputStream.nullInputStream(), "an empty binary");
      case USER_REFERENCE -> out.writeNull();
    }
  }
}
