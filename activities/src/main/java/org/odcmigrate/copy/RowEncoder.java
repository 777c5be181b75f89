package org.odcmigrate.copy;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.odcmigrate.config.ValuePolicy;
import org.odcmigrate.plan.ColumnPlan;
import org.odcmigrate.plan.EntityPlan;
import org.odcmigrate.plan.ValueKind;
import org.odcmigrate.users.UserMap;

/**
 * Converts one O11 row into one binary COPY row, column by column, as the copy engine in
 * docs/architecture.md says: user references through the user map, references to missing static
 * records to NULL, DateTime to UTC. NULLs outside references and U+0000 in text follow the {@link
 * ValuePolicy}, counted per attribute in {@link #rewrites()}. A value that cannot be written as it
 * is fails with table, column and key.
 */
final class RowEncoder {

  /** O11's "unset" DateTime; it keeps meaning "unset" in ODC, so it is never shifted. */
  static final LocalDateTime O11_NULL_DATE_TIME = LocalDateTime.of(1900, 1, 1, 0, 0);

  private final EntityPlan plan;
  private final List<ColumnPlan> columns;

  /** Where each column's value, and a streamed column's length before it, sit in the result set. */
  private final int[] valueIndex;

  private final int identifierIndex;
  private final UtcShift utc;

  private final UserMap users;
  private final StaticRecords statics;
  private final ValuePolicy policy;
  private final ValueRewrites rewrites = new ValueRewrites();
  private long lastChecksum;

  RowEncoder(EntityPlan plan, ZoneId sourceZone, UserMap users, StaticRecords statics) {
    this(plan, sourceZone, users, statics, ValuePolicy.defaults());
  }

  RowEncoder(
      EntityPlan plan,
      ZoneId sourceZone,
      UserMap users,
      StaticRecords statics,
      ValuePolicy policy) {
    this.policy = policy;
    this.plan = plan;
    this.columns = plan.columns();
    this.valueIndex = new int[columns.size()];
    int position = 1;
    for (int i = 0; i < columns.size(); i++) {
      position += isStreamed(columns.get(i)) ? 1 : 0;
      valueIndex[i] = position++;
    }
    this.identifierIndex = valueIndex[columns.indexOf(plan.identifier())];
    this.utc = new UtcShift(sourceZone);
    this.users = users;
    this.statics = statics;
  }

  /**
   * A long text's value is read whole up to this DATALENGTH (512 Ki UTF-16 units), streamed above
   * it.
   */
  static final long TEXT_IN_MEMORY_BYTES = 1L << 20;

  /**
   * Binaries (up to 20 MB) and unbounded texts (up to 100 M characters) are read with their
   * DATALENGTH, so the long ones can be streamed and memory does not grow with their size.
   */
  static boolean isStreamed(ColumnPlan column) {
    return column.kind() == ValueKind.BINARY || column.kind() == ValueKind.LONG_TEXT;
  }

  /**
   * The source columns whose value is preceded by its length in the read (see {@link #isStreamed}).
   */
  static Set<String> streamedColumns(EntityPlan plan) {
    return plan.columns().stream()
        .filter(RowEncoder::isStreamed)
        .map(ColumnPlan::sourceColumn)
        .collect(Collectors.toSet());
  }

  /** The identifier of the current row as checkpoint text. */
  String key(ResultSet rs) throws SQLException {
    return rs.getString(identifierIndex);
  }

  /** Writes the current row; returns how many references it set to NULL. */
  int encode(ResultSet rs, PgBinaryOutput out, String key) throws SQLException, IOException {
    out.startRow(columns.size());
    int nulled = 0;
    for (int i = 0; i < columns.size(); i++) {
      ColumnPlan column = columns.get(i);
      try {
        nulled += encode(rs, valueIndex[i], column, out, key);
      } catch (SQLException e) {
        throw new SQLException(
            "reading " + where(column, key) + " failed: " + e.getMessage(),
            e.getSQLState(),
            e.getErrorCode(),
            e);
      }
    }
    lastChecksum = out.endRow();
    return nulled;
  }

  /** The values rewritten since the counts were last saved. */
  ValueRewrites rewrites() {
    return rewrites;
  }

  /** The checksum of the row last encoded. */
  long lastChecksum() {
    return lastChecksum;
  }

  private int encode(ResultSet rs, int index, ColumnPlan column, PgBinaryOutput out, String key)
      throws SQLException, IOException {
    switch (column.kind()) {
      case INTEGER -> {
        int value = rs.getInt(index);
        if (rs.wasNull()) {
          return writeNull(rs, index, column, out, key);
        }
        if (column.pointsToStatic()) {
          return statics.write(column, value, out);
        }
        out.writeInt4(value);
      }
      case LONG_INTEGER -> {
        long value = rs.getLong(index);
        if (rs.wasNull()) {
          return writeNull(rs, index, column, out, key);
        }
        if (column.pointsToStatic()) {
          return statics.write(column, value, out);
        }
        out.writeInt8(value);
      }
      case TEXT -> {
        String value = rs.getString(index);
        if (value == null) {
          return writeNull(rs, index, column, out, key);
        }
        value = checkText(value, column, key);
        if (column.pointsToStatic()) {
          return statics.write(column, value, out);
        }
        out.writeText(value);
      }
      case LONG_TEXT -> {
        long length = rs.getLong(index - 1);
        if (rs.wasNull()) {
          return writeNull(rs, index, column, out, key);
        }
        if (length <= TEXT_IN_MEMORY_BYTES) {
          out.writeText(checkText(rs.getString(index), column, key));
        } else {
          boolean replace = policy.nulCharacters() == ValuePolicy.NulCharacters.REPLACE;
          try (Reader value = rs.getCharacterStream(index);
              TextSpool utf8 = TextSpool.of(value, where(column, key), replace);
              InputStream bytes = utf8.open()) {
            if (utf8.replacedNulCharacters() > 0) {
              rewrites.nulCharacters(column.attribute(), utf8.replacedNulCharacters());
            }
            out.writeStream(utf8.length(), bytes, where(column, key));
          }
        }
      }
      case BOOLEAN -> {
        boolean value = rs.getBoolean(index);
        if (rs.wasNull()) {
          return writeNull(rs, index, column, out, key);
        }
        out.writeBoolean(value);
      }
      case DATE_TIME -> {
        LocalDateTime value = rs.getObject(index, LocalDateTime.class);
        if (value == null) {
          return writeNull(rs, index, column, out, key);
        }
        out.writeTimestamp(utc.of(value));
      }
      case DATE -> {
        LocalDateTime value = rs.getObject(index, LocalDateTime.class);
        if (value == null) {
          return writeNull(rs, index, column, out, key);
        }
        out.writeDate(value.toLocalDate());
      }
      case TIME -> {
        LocalDateTime value = rs.getObject(index, LocalDateTime.class);
        if (value == null) {
          return writeNull(rs, index, column, out, key);
        }
        out.writeTime(value.toLocalTime());
      }
      case DECIMAL -> {
        BigDecimal value = rs.getBigDecimal(index);
        if (value == null) {
          return writeNull(rs, index, column, out, key);
        }
        out.writeNumeric(value);
      }
      case BINARY -> {
        long length = rs.getLong(index - 1);
        if (rs.wasNull()) {
          return writeNull(rs, index, column, out, key);
        }
        try (InputStream value = rs.getBinaryStream(index)) {
          out.writeStream(length, value, where(column, key));
        }
      }
      case USER_REFERENCE -> {
        int value = rs.getInt(index);
        if (rs.wasNull()) {
          out.writeNull();
          return 0;
        }
        UUID user = users.get(value);
        if (user == null && column.identifier()) {
          throw DataRejectedException.userIdentifierNotMigrated(where(column, key), value);
        }
        if (user == null) {
          out.writeNull();
          return 1;
        }
        out.writeUuid(user);
      }
    }
    return 0;
  }

  /**
   * Refuses what PostgreSQL text cannot hold, as writing it anyway would change the value, except
   * U+0000 when the policy replaces it (counted): the text to write.
   */
  private String checkText(String value, ColumnPlan column, String key) {
    int unpaired = TextSpool.unpairedSurrogate(value);
    if (unpaired >= 0) {
      // UTF-8 has no form for it: the encoder would silently write '?' instead.
      throw DataRejectedException.unpairedSurrogate(where(column, key), unpaired);
    }
    if (value.indexOf('\u0000') < 0) {
      return value;
    }
    if (policy.nulCharacters() == ValuePolicy.NulCharacters.REJECT) {
      throw DataRejectedException.nulCharacter(where(column, key));
    }
    rewrites.nulCharacters(column.attribute(), value.chars().filter(c -> c == 0).count());
    return value.replace('\u0000', TextSpool.REPLACEMENT);
  }

  /**
   * A NULL in a reference is "no record". Anywhere else O11 apps read it as the type's default
   * value, so by default that value is written (see {@link ValuePolicy.NullValues}).
   */
  private int writeNull(ResultSet rs, int index, ColumnPlan column, PgBinaryOutput out, String key)
      throws IOException, SQLException {
    if (column.reference()) {
      out.writeNull();
      return 0;
    }
    switch (policy.nullValues()) {
      case REJECT -> throw DataRejectedException.unexpectedNull(where(column, key));
      case KEEP -> out.writeNull();
      case DEFAULT -> NullDefaults.write(rs, index, column, out);
    }
    rewrites.nullValue(column.attribute());
    return 0;
  }

  private String where(ColumnPlan column, String key) {
    return plan.sourceTable()
        + "."
        + column.sourceColumn()
        + " at "
        + plan.identifier().sourceColumn()
        + " = "
        + key;
  }
}
