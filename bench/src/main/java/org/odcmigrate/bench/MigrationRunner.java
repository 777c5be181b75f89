package org.odcmigrate.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.odcmigrate.api.core.MigrationCore;
import org.odcmigrate.api.core.MigrationStarter;
import org.odcmigrate.api.core.StartMigration;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.config.MigrationDefaults;
import org.odcmigrate.config.StageConfig;
import org.odcmigrate.migration.DataMigrationWorkflow;
import org.odcmigrate.migration.MigrationReport;

/**
 * Runs one migration as {@code POST /api/migrations} does (the API's MigrationStarter with the
 * configured migration options), waits for the workflow's report and gathers the run's figures.
 */
final class MigrationRunner implements AutoCloseable {

  /** One measured migration. */
  record Result(
      boolean completed,
      String outcome,
      double wallSeconds,
      long rows,
      WorkerProcess.Usage worker,
      long postgresCpuNanos,
      long harnessCpuNanos,
      ActivityProfile activities,
      long walSyncs,
      long walSyncMillis) {}

  private final Infrastructure infra;
  private final String environment;
  private final String stage;
  private final String database;
  private final Connections connections;
  private final MigrationStarter service;

  MigrationRunner(
      Infrastructure infra,
      String environment,
      EnvironmentConfig environmentConfig,
      String stage,
      StageConfig stageConfig,
      String database,
      MigrationDefaults options) {
    this.infra = infra;
    this.environment = environment;
    this.stage = stage;
    this.database = database;
    this.connections =
        new Connections(Map.of(environment, environmentConfig), Map.of(stage, stageConfig));
    this.service =
        MigrationCore.create(
                infra.client(), infra.temporalConfig(), connections, options, Clock.systemUTC())
            .starter();
  }

  Result run(WorkerProcess worker, Duration timeout)
      throws IOException, SQLException, InterruptedException {
    return run(worker, timeout, false);
  }

  /** One migration; an incremental one copies only what changed since the last completed run. */
  Result run(WorkerProcess worker, Duration timeout, boolean incremental)
      throws IOException, SQLException, InterruptedException {
    infra.settle(database);
    worker.beginRun();
    long pgCpu = infra.postgresCpuNanos();
    long[] walBefore = infra.walSyncs();
    long ownCpu = ownCpuNanos();
    long start = System.nanoTime();
    service.start(
        new StartMigration(environment, stage, false, false, null, null, incremental, null));
    WorkflowClient client = infra.client();
    WorkflowStub stub = client.newUntypedWorkflowStub(DataMigrationWorkflow.workflowId(stage));
    MigrationReport report = null;
    String outcome = null;
    long deadline = start + timeout.toNanos();
    while (report == null && outcome == null) {
      try {
        report = stub.getResult(5, TimeUnit.SECONDS, MigrationReport.class);
      } catch (TimeoutException e) {
        if (!worker.alive()) {
          outcome = "worker exited: " + worker.exitReason();
        } else if (System.nanoTime() > deadline) {
          outcome = "not finished after " + timeout.toMinutes() + " min";
        }
      }
    }
    double wall = (System.nanoTime() - start) / 1e9;
    if (report == null) {
      stub.terminate("benchmark: " + outcome);
      return new Result(
          false,
          outcome,
          wall,
          0,
          worker.alive() ? worker.endRun() : WorkerProcess.unknownUsage(),
          infra.postgresCpuNanos() - pgCpu,
          ownCpuNanos() - ownCpu,
          null,
          -1,
          -1);
    }
    WorkerProcess.Usage usage = worker.endRun();
    long pgUsed = infra.postgresCpuNanos() - pgCpu;
    long ownUsed = ownCpuNanos() - ownCpu;
    ActivityProfile activities =
        ActivityProfile.of(client, DataMigrationWorkflow.workflowId(stage));
    String status = report.status().name() + (report.error() == null ? "" : ": " + report.error());
    return new Result(
        report.status().name().equals("COMPLETED"),
        status,
        wall,
        report.rowsWritten(),
        usage,
        pgUsed,
        ownUsed,
        activities,
        infra.walSyncs()[0] - walBefore[0],
        infra.walSyncs()[1] - walBefore[1]);
  }

  /**
   * CPU of the harness JVM: the H2 server answering the worker's reads, and the Temporal test
   * server.
   */
  static long ownCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  @Override
  public void close() {
    connections.close();
  }
}
