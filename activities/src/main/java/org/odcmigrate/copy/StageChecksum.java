package org.odcmigrate.copy;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.StringJoiner;
import org.odcmigrate.model.EntityPlan;
import org.odcmigrate.odc.StageNames;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/** Reads a stage table back in binary COPY format and sums its rows' checksums, streaming. */
final class StageChecksum {

  private static final int HEADER_LENGTH = 19;

  private StageChecksum() {}

  record Result(long rows, long checksum) {}

  static Result of(Connection stage, EntityPlan plan) throws SQLException, IOException {
    StringJoiner columns = new StringJoiner(", ", " (", ")");
    plan.columns().forEach(c -> columns.add(StageNames.quote(c.targetColumn())));
    String sql = "COPY " + plan.qualifiedTarget() + columns + " TO STDOUT (FORMAT binary)";
    try (InputStream raw = new PGCopyInputStream(stage.unwrap(PGConnection.class), sql);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
      in.readFully(new byte[HEADER_LENGTH - 4]);
      int extension = in.readInt();
      in.skipNBytes(extension);
      RowChecksum row = new RowChecksum();
      byte[] buffer = new byte[1 << 16];
      long rows = 0;
      long sum = 0;
      while (true) {
        short fields = in.readShort();
        if (fields == -1) {
          break;
        }
        row.reset();
        putShort(buffer, fields);
        row.update(buffer, 0, 2);
        for (int i = 0; i < fields; i++) {
          int length = in.readInt();
          putInt(buffer, length);
          row.update(buffer, 0, 4);
          for (int left = length; left > 0; ) {
            int n = in.read(buffer, 0, Math.min(left, buffer.length));
            if (n < 0) {
              throw new EOFException("COPY output of " + plan.qualifiedTarget() + " ended inside a row");
            }
            row.update(buffer, 0, n);
            left -= n;
          }
        }
        sum += row.value();
        rows++;
      }
      return new Result(rows, sum);
    }
  }

  private static void putShort(byte[] b, int v) {
    b[0] = (byte) (v >>> 8);
    b[1] = (byte) v;
  }

  private static void putInt(byte[] b, int v) {
    b[0] = (byte) (v >>> 24);
    b[1] = (byte) (v >>> 16);
    b[2] = (byte) (v >>> 8);
    b[3] = (byte) v;
  }
}
