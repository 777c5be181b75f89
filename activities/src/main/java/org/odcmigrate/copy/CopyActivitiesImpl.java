package org.odcmigrate.copy;

import io.temporal.client.ActivityCompletionException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.odcmigrate.config.Connections;
import org.odcmigrate.failure.ActivityRunner;
import org.odcmigrate.migration.CopyActivities;
import org.odcmigrate.migration.CopyControl;
import org.odcmigrate.migration.CopyProgress;
import org.odcmigrate.migration.CopyTask;
import org.odcmigrate.migration.EntityResult;
import org.odcmigrate.migration.EntityStart;
import org.odcmigrate.migration.KeyRange;
import org.odcmigrate.migration.RangeResult;
import org.odcmigrate.odc.StageCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The copy activities over the configured environments and stages. */
public class CopyActivitiesImpl implements CopyActivities {

  private static final Logger log = LoggerFactory.getLogger(CopyActivitiesImpl.class);

  /** A group takes no further entity after this long, so a slow group leaves the rest to others. */
  static final Duration GROUP_BUDGET = Duration.ofSeconds(5);

  private final Connections connections;
  private final WorkerDraining draining;
  private final CopyMetrics metrics;

  public CopyActivitiesImpl(Connections connections, WorkerDraining draining, CopyMetrics metrics) {
    this.connections = connections;
    this.draining = draining;
    this.metrics = metrics;
  }

  private EntityCopier copier(CopyTask task) {
    return new EntityCopier(
            connections.source(task.environment()),
            connections.stage(task.stage()),
            connections.timeZone(task.environment()),
            connections.environment(task.environment()).snapshotReads(),
            draining,
            metrics)
        .withValues(connections.values());
  }

  @Override
  public List<KeyRange> prepareEntity(CopyTask task) {
    return ActivityRunner.call(() -> copier(task).prepare(task));
  }

  @Override
  public EntityStart copySmallEntity(CopyTask task) {
    return ActivityRunner.run(progress -> copySmall(task, progress));
  }

  @Override
  public List<EntityStart> copySmallEntities(List<CopyTask> tasks) {
    return ActivityRunner.run(
        progress -> {
          long deadline = System.nanoTime() + GROUP_BUDGET.toNanos();
          List<EntityStart> starts = new ArrayList<>();
          for (CopyTask task : tasks) {
            if (!starts.isEmpty() && (System.nanoTime() > deadline || draining.isDraining())) {
              break;
            }
            EntityStart start;
            try {
              start = copySmall(task, progress);
            } catch (ActivityCompletionException e) {
              throw e;
            } catch (Exception e) {
              log.info(
                  "{} goes on in an activity of its own after: {}", task.entity(), e.toString());
              starts.add(new EntityStart(null, null));
              break;
            }
            starts.add(start);
            if (start.result() == null) {
              break;
            }
          }
          return starts;
        });
  }

  /** Prepares an entity and, when it has one key range, copies and verifies it. */
  private EntityStart copySmall(CopyTask task, AtomicReference<Object> progress)
      throws SQLException, IOException {
    EntityCopier copier = copier(task);
    List<KeyRange> ranges = copier.prepare(task);
    if (ranges.size() > 1) {
      return new EntityStart(ranges, null);
    }
    for (KeyRange range : ranges) {
      if (copier.copyRange(task, range, heartbeat(progress)).handedBack()) {
        return new EntityStart(ranges, null);
      }
    }
    return new EntityStart(ranges, copier.verify(task));
  }

  @Override
  public RangeResult copyRange(CopyTask task, KeyRange range) {
    return ActivityRunner.run(progress -> copier(task).copyRange(task, range, heartbeat(progress)));
  }

  /** Publishes a copy's progress as heartbeat details, where a cancel request is noticed too. */
  private static Consumer<CopyProgress> heartbeat(AtomicReference<Object> progress) {
    return p -> {
      progress.set(p);
      ActivityRunner.heartbeat(p);
    };
  }

  @Override
  public void controlCopies(String migrationId, String stage, CopyControl control) {
    ActivityRunner.call(
        () -> {
          try (Connection connection = connections.stage(stage).getConnection()) {
            StageCatalog.install(connection);
            CopyControlStore.write(connection, migrationId, control);
          }
          return null;
        });
  }

  @Override
  public EntityResult verifyEntity(CopyTask task) {
    return ActivityRunner.call(() -> copier(task).verify(task));
  }
}
