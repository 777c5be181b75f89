package org.odcmigrate.copy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import org.odcmigrate.plan.EntityPlan;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/** Reads a stage table back in binary COPY format and sums its rows' checksums, streaming. */
final class StageChecksum {

  private static final int HEADER_LENGTH = 19;

  private final InputStream in;
  private final String table;

  /** Parsed in place: the checksum runs over whole spans of a row, not over each field. */
  private final byte[] buffer = new byte[1 << 16];

  private int position;
  private int limit;

  /** Where the current row starts in the buffer, or -1 outside rows. */
  private int rowStart = -1;

  private final RowChecksum row = new RowChecksum();

  private StageChecksum(InputStream in, String table) {
    this.in = in;
    this.table = table;
  }

  record Result(long rows, long checksum) {}

  static Result of(Connection stage, EntityPlan plan) throws SQLException, IOException {
    return of(stage, StageSql.tableAndColumns(plan));
  }

  /** The rows and checksum of {@code table (columns)}, read with {@code COPY ... TO STDOUT}. */
  static Result of(Connection stage, String tableAndColumns) throws SQLException, IOException {
    String sql = StageSql.copyOut(tableAndColumns);
    try (InputStream raw = new PGCopyInputStream(stage.unwrap(PGConnection.class), sql)) {
      return new StageChecksum(raw, tableAndColumns).sum();
    }
  }

  private Result sum() throws IOException {
    need(HEADER_LENGTH);
    position += HEADER_LENGTH - 4;
    int extension = int32();
    skip(extension);
    long rows = 0;
    long sum = 0;
    while (true) {
      need(2);
      row.reset();
      rowStart = position;
      short fields = (short) (((buffer[position] & 0xff) << 8) | (buffer[position + 1] & 0xff));
      position += 2;
      if (fields == -1) {
        return new Result(rows, sum);
      }
      for (int i = 0; i < fields; i++) {
        need(4);
        int length = int32();
        if (length > 0) {
          skip(length);
        }
      }
      row.update(buffer, rowStart, position - rowStart);
      rowStart = -1;
      sum += row.value();
      rows++;
    }
  }

  private int int32() {
    int value =
        ((buffer[position] & 0xff) << 24)
            | ((buffer[position + 1] & 0xff) << 16)
            | ((buffer[position + 2] & 0xff) << 8)
            | (buffer[position + 3] & 0xff);
    position += 4;
    return value;
  }

  /** Moves past {@code length} bytes, adding those that leave the buffer to the row's checksum. */
  private void skip(long length) throws IOException {
    long left = length;
    while (left > limit - position) {
      left -= limit - position;
      position = limit;
      leaveRowPart();
      position = 0;
      limit = 0;
      fill(1);
    }
    position += (int) left;
  }

  /**
   * Makes sure {@code count} bytes are in the buffer from {@code position} on, keeping the current
   * row's part.
   */
  private void need(int count) throws IOException {
    if (limit - position >= count) {
      return;
    }
    // Keep the unread bytes; the part of the row already read is summed first, then dropped.
    leaveRowPart();
    System.arraycopy(buffer, position, buffer, 0, limit - position);
    limit -= position;
    position = 0;
    fill(count);
  }

  /**
   * Before the buffer's read part is dropped: sums the current row's part of it; the row goes on at
   * 0.
   */
  private void leaveRowPart() {
    if (rowStart >= 0) {
      row.update(buffer, rowStart, position - rowStart);
      rowStart = 0;
    }
  }

  private void fill(int count) throws IOException {
    while (limit < count) {
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) {
        throw new EOFException("COPY output of " + table + " ended inside a row");
      }
      limit += n;
    }
  }
}
