package org.odcmigrate.copy;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.odcmigrate.migration.CopyTask;
import org.odcmigrate.migration.EntityResult;
import org.odcmigrate.o11.SqlServerDialect;
import org.odcmigrate.plan.ColumnPlan;
import org.odcmigrate.plan.EntityPlan;
import org.odcmigrate.plan.PlanStore;

/**
 * Checks a copied entity: the stage table holds exactly the rows the checkpoints say were committed
 * (same count, same order-independent checksum of their bytes) and, when the environment was
 * stopped, exactly the source's row count. Then moves the identity past the copied ids and
 * refreshes the planner's statistics.
 */
final class CopyVerifier {

  private final DataSource source;
  private final DataSource stage;

  CopyVerifier(DataSource source, DataSource stage) {
    this.source = source;
    this.stage = stage;
  }

  EntityResult verify(CopyTask task) throws SQLException, IOException {
    CheckpointStore checkpoints = new CheckpointStore(task.migrationId(), task.entity());
    try (Connection target = stage.getConnection();
        Connection from = source.getConnection()) {
      EntityPlan plan = PlanStore.load(target, task.migrationId(), task.entity());
      List<RangeCheckpoint> ranges = checkpoints.all(target);
      long written = ranges.stream().mapToLong(RangeCheckpoint::rowsWritten).sum();
      long nulled = ranges.stream().mapToLong(RangeCheckpoint::nulledReferences).sum();
      List<ColumnPlan> references = plan.columns().stream().filter(ColumnPlan::reference).toList();
      long[] sourceCounts =
          counts(
              from,
              SqlServerDialect.countRowsAndValues(
                  from,
                  plan.sourceTable(),
                  references.stream().map(ColumnPlan::sourceColumn).toList()),
              references.size() + 1);
      long sourceRows = sourceCounts[0];
      Optional<String> difference = StageRecount.difference(target, task.entity(), plan, ranges);
      if (difference.isPresent()) {
        throw new VerificationException(difference.get());
      }
      if (task.sourceFrozen() && sourceRows != written) {
        throw new VerificationException(
            task.entity()
                + ": O11 table "
                + plan.sourceTable()
                + " holds "
                + sourceRows
                + " rows but the stage holds "
                + written);
      }
      try (Statement st = target.createStatement()) {
        if (plan.autoNumber()) {
          st.execute(StageSql.advanceIdentity(plan));
        }
        st.execute(StageSql.analyze(plan));
      }
      String note =
          sourceRows == written
              ? null
              : "O11 now holds "
                  + sourceRows
                  + " rows: the environment kept running and changed during the copy";
      Map<String, Long> nulls = new TreeMap<>();
      Map<String, Long> nulCharacters = new TreeMap<>();
      ValueRewrites.load(target, task)
          .forEach(
              (attribute, counts) -> {
                if (counts.nulls() > 0) {
                  nulls.put(attribute, counts.nulls());
                }
                if (counts.nulCharacters() > 0) {
                  nulCharacters.put(attribute, counts.nulCharacters());
                }
              });
      List<RangeCheckpoint> copied = ranges.stream().filter(r -> !r.kept()).toList();
      return new EntityResult(
          task.entity(),
          EntityResult.Status.COMPLETED,
          sourceRows,
          written,
          nulled,
          note,
          nulledByAttribute(target, plan, references, sourceCounts),
          nulls,
          nulCharacters,
          ranges.size() - copied.size(),
          copied.size(),
          task.incrementalFrom() == null
              ? 0
              : copied.stream().mapToLong(RangeCheckpoint::rowsWritten).sum(),
          // Equal to the stage table's checksum, as the recount above just proved.
          ranges.stream().mapToLong(RangeCheckpoint::checksum).sum());
    }
  }

  /**
   * Per reference attribute, the values O11 holds that the stage does not: the only way a value
   * goes missing is a reference set to NULL because its target is not in ODC.
   */
  private static Map<String, Long> nulledByAttribute(
      Connection target, EntityPlan plan, List<ColumnPlan> references, long[] sourceCounts)
      throws SQLException {
    if (references.isEmpty()) {
      return Map.of();
    }
    long[] stage = counts(target, StageSql.countValues(plan, references), references.size());
    Map<String, Long> nulled = new TreeMap<>();
    for (int i = 0; i < references.size(); i++) {
      long source = sourceCounts[i + 1];
      if (source > stage[i]) {
        nulled.put(references.get(i).attribute(), source - stage[i]);
      }
    }
    return nulled;
  }

  private static long[] counts(Connection connection, String sql, int columns) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      long[] counts = new long[columns];
      for (int i = 0; i < columns; i++) {
        counts[i] = rs.getLong(i + 1);
      }
      return counts;
    }
  }
}
