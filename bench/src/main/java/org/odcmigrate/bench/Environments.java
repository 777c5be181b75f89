package org.odcmigrate.bench;

import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.odcmigrate.bench.O11Modules.Attribute;
import org.odcmigrate.bench.O11Modules.Entity;
import org.odcmigrate.bench.O11Modules.EntityKey;
import org.odcmigrate.sample.SampleEnvironment;
import org.odcmigrate.sample.SampleEnvironment.SampleSize;

/** The O11 environments of the scenarios, each built on the product's sample environment. */
final class Environments {

  static final long SEED = 42;
  private static final int MB = 1 << 20;

  private Environments() {}

  /** "wide": the sample itself, whose five big entities get rowsPerEntity rows each. */
  static void wide(Connection o11, int rowsPerEntity) throws SQLException {
    SampleEnvironment.create(o11, new SampleSize(rowsPerEntity, SEED));
  }

  /**
   * "many": the sample with rowsPerEntity rows, plus generated apps that bring the environment to
   * the given numbers of apps and copied (non-static) entities, each with rowsPerEntity rows.
   */
  static void many(Connection o11, int apps, int entities, int rowsPerEntity) throws SQLException {
    SampleEnvironment.create(o11, new SampleSize(rowsPerEntity, SEED));
    int sampleApps =
        count(o11, "SELECT COUNT(*) FROM [ossys_Espace] WHERE [Is_Active] = 1 AND [Is_System] = 0");
    int sampleEntities =
        count(
            o11,
            "SELECT COUNT(*) FROM [ossys_Entity] e JOIN [ossys_Espace] m ON m.[Id] = e.[Espace_Id]"
                + " WHERE m.[Is_Active] = 1 AND m.[Is_System] = 0 AND e.[Is_Active] = 1 AND e.[Data_Kind] = 'entity'");
    int newApps = apps - sampleApps;
    int newEntities = entities - sampleEntities;
    if (newApps < 1 || newEntities < newApps) {
      throw new IllegalArgumentException(
          "the sample already has " + sampleApps + " apps and " + sampleEntities + " entities");
    }
    EntityKey user = O11Modules.userEntity(o11);
    int[] users = O11Modules.userIds(o11);
    boolean autoCommit = o11.getAutoCommit();
    o11.setAutoCommit(false);
    try {
      for (int app = 0; app < newApps; app++) {
        // Spread the entities evenly: app i gets the entities numbered [from, to).
        int from = (int) ((long) newEntities * app / newApps);
        int to = (int) ((long) newEntities * (app + 1) / newApps);
        String module = String.format(Locale.ROOT, "Bench%02d", app + 1);
        List<Entity> model = new ArrayList<>();
        EntityKey first = O11Modules.entityKey(module, entityName(from));
        for (int e = from; e < to; e++) {
          model.add(itemEntity(entityName(e), e == from ? null : first, user));
        }
        String prefix = "Z" + Integer.toString(app, 36).toUpperCase(Locale.ROOT) + "B";
        List<String> tables = O11Modules.addModule(o11, module, prefix, model, "VARBINARY(MAX)");
        for (int e = 0; e < tables.size(); e++) {
          insertItems(
              o11,
              tables.get(e),
              e > 0,
              rowsPerEntity,
              users,
              new SplittableRandom(SEED + from + e));
        }
        o11.commit();
      }
    } finally {
      o11.setAutoCommit(autoCommit);
    }
  }

  private static String entityName(int number) {
    return String.format(Locale.ROOT, "Item%04d", number + 1);
  }

  /**
   * A medium-width business entity; all but an app's first entity reference the first one (Protect:
   * a foreign key).
   */
  private static Entity itemEntity(String name, EntityKey parent, EntityKey user) {
    List<Attribute> attributes =
        new ArrayList<>(
            List.of(
                Attribute.identifier("Id"),
                Attribute.text("Name", 100, true),
                Attribute.text("Code", 20, false),
                Attribute.decimal("Amount", 18, 2),
                Attribute.of("Quantity", "rtInteger", "INT"),
                Attribute.of("CreatedOn", "rtDateTime", "DATETIME"),
                Attribute.of("IsActive", "rtBoolean", "BIT"),
                Attribute.text("Notes", 2000, false),
                Attribute.reference("CreatedBy", user, "INT", "Ignore")));
    if (parent != null) {
      attributes.add(Attribute.reference("ParentId", parent, "BIGINT", "Protect"));
    }
    return new Entity(name, attributes);
  }

  private static void insertItems(
      Connection o11,
      String table,
      boolean hasParent,
      int rows,
      int[] users,
      SplittableRandom random)
      throws SQLException {
    String sql =
        "INSERT INTO ["
            + table
            + "] ([NAME], [CODE], [AMOUNT], [QUANTITY], [CREATEDON], [ISACTIVE], [NOTES],"
            + " [CREATEDBY]"
            + (hasParent ? ", [PARENTID]" : "")
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?"
            + (hasParent ? ", ?" : "")
            + ")";
    try (PreparedStatement ps = o11.prepareStatement(sql)) {
      for (int i = 0; i < rows; i++) {
        ps.setString(1, "Item " + (i + 1) + " of " + table);
        ps.setString(2, "C-" + random.nextInt(1_000_000));
        ps.setBigDecimal(3, BigDecimal.valueOf(random.nextLong(10_000_000_00L), 2));
        ps.setInt(4, random.nextInt(1000));
        ps.setObject(
            5, LocalDateTime.of(2020, 1, 1, 0, 0).plusSeconds(random.nextInt(100_000_000)));
        ps.setBoolean(6, random.nextBoolean());
        ps.setString(7, i % 3 == 0 ? "" : "Notes on item " + (i + 1) + ": café, naïve, 😀");
        if (i % 5 == 4) {
          ps.setNull(8, Types.INTEGER);
        } else {
          ps.setInt(8, users[random.nextInt(users.length)]);
        }
        if (hasParent) {
          // The first entity's ids are 1..rows: H2 and SQL Server number identities from 1.
          ps.setLong(9, 1 + random.nextInt(rows));
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * "lob": the sample with a few rows, plus an app Documents whose entity Document holds one Binary
   * Data value per row, of sizes spread evenly from minMb to maxMb MiB in shuffled order.
   *
   * <p>O11 declares Binary Data as VARBINARY(MAX), which SQL Server streams to the reader. H2 keeps
   * a VARBINARY inside its page, and a file database fails on values of some 16 MB ("Illegal page
   * length"); its BLOB is stored apart and streamed to the client in chunks, like SQL Server's. So
   * here the column is BLOB, while the metadata still says rtBinaryData.
   */
  static long lob(Connection o11, int rows, int minMb, int maxMb) throws SQLException {
    SampleEnvironment.create(o11, new SampleSize(10, SEED));
    EntityKey user = O11Modules.userEntity(o11);
    int[] users = O11Modules.userIds(o11);
    Entity document =
        new Entity(
            "Document",
            List.of(
                Attribute.identifier("Id"),
                Attribute.text("Name", 200, true),
                Attribute.of("Size", "rtLongInteger", "BIGINT"),
                Attribute.of("Content", "rtBinaryData", "VARBINARY(MAX)"),
                Attribute.reference("CreatedBy", user, "INT", "Ignore")));
    boolean autoCommit = o11.getAutoCommit();
    o11.setAutoCommit(false);
    long total = 0;
    try {
      String table =
          O11Modules.addModule(o11, "Documents", "ZLB", List.of(document), "BLOB").get(0);
      o11.commit();
      SplittableRandom random = new SplittableRandom(SEED);
      long[] sizes = new long[rows];
      for (int i = 0; i < rows; i++) {
        sizes[i] = (long) minMb * MB + (long) (maxMb - minMb) * MB * i / Math.max(1, rows - 1);
      }
      for (int i = rows - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        long swap = sizes[i];
        sizes[i] = sizes[j];
        sizes[j] = swap;
      }
      try (PreparedStatement ps =
          o11.prepareStatement(
              "INSERT INTO ["
                  + table
                  + "] ([NAME], [SIZE], [CONTENT], [CREATEDBY])"
                  + " VALUES (?, ?, ?, ?)")) {
        for (int i = 0; i < rows; i++) {
          ps.setString(1, "document-" + (i + 1) + ".bin");
          ps.setLong(2, sizes[i]);
          // Streamed in: the harness never holds a whole value either.
          ps.setBinaryStream(3, new RandomBytes(sizes[i], SEED + i), sizes[i]);
          ps.setInt(4, users[i % users.length]);
          ps.executeUpdate();
          o11.commit();
          total += sizes[i];
        }
      }
    } finally {
      o11.setAutoCommit(autoCommit);
    }
    return total;
  }

  private static int count(Connection o11, String sql) throws SQLException {
    try (Statement st = o11.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Reproducible incompressible bytes of a given length. */
  private static final class RandomBytes extends InputStream {
    private final SplittableRandom random;
    private long left;

    RandomBytes(long length, long seed) {
      this.left = length;
      this.random = new SplittableRandom(seed);
    }

    @Override
    public int read() {
      if (left == 0) {
        return -1;
      }
      left--;
      return random.nextInt(256);
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      for (int i = 0; i < n; i += 8) {
        long bits = random.nextLong();
        for (int k = 0; k < 8 && i + k < n; k++) {
          b[off + i + k] = (byte) (bits >>> (8 * k));
        }
      }
      left -= n;
      return n;
    }
  }
}
