package org.odcmigrate.app;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.util.concurrent.CountDownLatch;
import net.sourceforge.argparse4j.inf.Namespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code worker config.yml}: polls the task queue and runs migrations until stopped. */
final class WorkerCommand extends ConfiguredCommand<OdcMigrateConfiguration> {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerCommand.class);

  WorkerCommand() {
    super("worker", "Runs a worker: executes migration workflows and their activities");
  }

  @Override
  protected void run(
      Bootstrap<OdcMigrateConfiguration> bootstrap,
      Namespace namespace,
      OdcMigrateConfiguration config)
      throws Exception {
    // The JVM's gauges, beside the log appenders' meters Dropwizard registered with the logging:
    // the same process metrics the API's admin port shows.
    bootstrap.registerMetrics();
    CountDownLatch stopped = new CountDownLatch(1);
    RunningWorker worker =
        RunningWorker.start(
            config, bootstrap.getMetricRegistry(), bootstrap.getHealthCheckRegistry());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info(
                      "Stopping the worker: running activities get time to commit their batch");
                  worker.close();
                  stopped.countDown();
                },
                "worker-shutdown"));
    LOG.info(
        "Worker polling task queue {} at {} (namespace {})",
        config.getTemporal().taskQueue(),
        config.getTemporal().target(),
        config.getTemporal().namespace());
    stopped.await();
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    UserErrors.print(cli, e);
  }
}
