package org.odcmigrate.worker;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.TemporalConfig;
import org.odcmigrate.control.ControlActivitiesImpl;
import org.odcmigrate.copy.CopyActivitiesImpl;
import org.odcmigrate.copy.CopyMetrics;
import org.odcmigrate.copy.WorkerDraining;
import org.odcmigrate.migration.AppDataMigrationWorkflowImpl;
import org.odcmigrate.migration.DataMigrationWorkflowImpl;
import org.odcmigrate.migration.EnvironmentStartWorkflowImpl;
import org.odcmigrate.odc.AppSchemaActivitiesImpl;
import org.odcmigrate.plan.PlanningActivitiesImpl;
import org.odcmigrate.report.ReportActivitiesImpl;
import org.odcmigrate.users.UserActivitiesImpl;

/** A worker polling the migration task queue: both workflows and every activity. */
public final class MigrationWorker implements AutoCloseable {

  static final String SLOTS = "odc-migrate.activity.slots";

  private final WorkerFactory factory;
  private final WorkerDraining draining;

  private MigrationWorker(WorkerFactory factory, WorkerDraining draining) {
    this.factory = factory;
    this.draining = draining;
  }

  /**
   * Registers everything on the configured task queue, counting copies and activity attempts in
   * {@code metrics}; call {@link #start()} to begin polling.
   */
  public static MigrationWorker create(
      WorkflowClient client,
      TemporalConfig temporal,
      Connections connections,
      MetricRegistry metrics) {
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(new ActivityMetrics(metrics))
                .build());
    // What the running-attempts gauges are measured against: a worker is saturated when they add up
    // to it.
    metrics.gauge(SLOTS, () -> (Gauge<Integer>) temporal::maxConcurrentActivities);
    WorkerOptions.Builder options =
        WorkerOptions.newBuilder()
            .setMaxConcurrentActivityExecutionSize(temporal.maxConcurrentActivities())
            .setMaxConcurrentWorkflowTaskPollers(temporal.maxConcurrentWorkflowTaskPollers())
            .setMaxConcurrentActivityTaskPollers(temporal.maxConcurrentActivityTaskPollers())
            .setStickyQueueScheduleToStartTimeout(
                Duration.ofSeconds(temporal.stickyScheduleToStartSeconds()));
    WorkerDraining draining = new WorkerDraining();
    Worker worker = factory.newWorker(temporal.taskQueue(), options.build());
    worker.registerWorkflowImplementationTypes(
        DataMigrationWorkflowImpl.class,
        AppDataMigrationWorkflowImpl.class,
        EnvironmentStartWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new PlanningActivitiesImpl(connections),
        new CopyActivitiesImpl(connections, draining, new CopyMetrics(metrics)),
        new AppSchemaActivitiesImpl(connections),
        new ReportActivitiesImpl(connections),
        new UserActivitiesImpl(connections),
        new ControlActivitiesImpl(connections));
    return new MigrationWorker(factory, draining);
  }

  public void start() {
    factory.start();
  }

  /**
   * Stops polling; running copies commit the batch they are writing and hand their range back (to
   * be resumed elsewhere from its checkpoint); other steps get 30 s to finish.
   */
  @Override
  public void close() {
    draining.start();
    factory.shutdown();
    factory.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
  }
}
