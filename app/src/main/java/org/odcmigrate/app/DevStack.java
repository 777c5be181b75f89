package org.odcmigrate.app;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.lifecycle.Managed;
import io.temporal.testserver.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.config.StageConfig;
import org.odcmigrate.config.TemporalConnection;
import org.odcmigrate.o11.O11Metadata;
import org.odcmigrate.odc.ModelConverter;
import org.odcmigrate.sample.SampleEnvironment;
import org.odcmigrate.worker.MigrationWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code dev} runs beside the API in one JVM: the Temporal test server, an embedded
 * PostgreSQL, a generated sample O11 environment converted into a stage, and a worker whose metrics
 * go into the API's registry, so the admin port's {@code /metrics} shows them.
 */
public final class DevStack implements Managed {

  private static final Logger LOG = LoggerFactory.getLogger(DevStack.class);

  private final OdcMigrateConfiguration config;
  private final MetricRegistry metrics;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  public DevStack(OdcMigrateConfiguration config, MetricRegistry metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public void start() throws Exception {
    DevConfig dev = config.getDev();
    if (dev.embeddedPostgresPort() > 0) {
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder().setPort(dev.embeddedPostgresPort()).start();
      started.push(postgres);
      LOG.info("Embedded PostgreSQL listening on port {}", dev.embeddedPostgresPort());
    }
    if (dev.temporalTestServerPort() > 0) {
      Closeable server = TestServer.createPortBoundServer(dev.temporalTestServerPort());
      started.push(server);
      LOG.info("Temporal test server listening on port {}", dev.temporalTestServerPort());
    }
    if (dev.sample() != null) {
      createSample(dev.sample());
    }
    TemporalConnection temporal = TemporalConnection.open(config.getTemporal());
    started.push(temporal);
    Connections connections = config.connections();
    started.push(connections);
    MigrationWorker worker =
        MigrationWorker.create(temporal.client(), config.getTemporal(), connections, metrics);
    started.push(worker);
    worker.start();
    LOG.info("Worker polling task queue {}", config.getTemporal().taskQueue());
  }

  /** Generates the sample O11 environment and converts all its modules into the sample stage. */
  private void createSample(DevConfig.SampleConfig sample) throws Exception {
    EnvironmentConfig environment = config.getEnvironments().get(sample.environment());
    StageConfig stage = config.getStages().get(sample.stage());
    if (environment == null || stage == null) {
      throw new IllegalArgumentException(
          "dev.sample names environment '"
              + sample.environment()
              + "' and stage '"
              + sample.stage()
              + "': both must be configured under environments and stages");
    }
    try (Connection source =
            DriverManager.getConnection(
                environment.url(), environment.user(), environment.password());
        Connection target =
            DriverManager.getConnection(stage.url(), stage.user(), stage.password())) {
      SampleEnvironment.Result result =
          SampleEnvironment.create(
              source, new SampleEnvironment.SampleSize(sample.rowsPerEntity(), sample.seed()));
      List<String> apps =
          new ModelConverter(O11Metadata.read(source)).convert(List.of(), source, target);
      LOG.info(
          "Sample O11 environment {} generated ({} modules); apps {} converted into stage {}",
          sample.environment(),
          result.appModules().size(),
          apps,
          sample.stage());
    }
  }

  @Override
  public void stop() throws Exception {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        LOG.warn("stopping a dev service failed", e);
      }
    }
  }
}
