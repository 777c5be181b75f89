package org.odcmigrate.app;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.dropwizard.metrics.servlets.HealthCheckServlet;
import io.dropwizard.metrics.servlets.PingServlet;
import io.dropwizard.metrics.servlets.ThreadDumpServlet;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.odcmigrate.api.health.PrometheusExport;

/**
 * The admin port of a worker process: the servlets behind the API's admin port ({@code /metrics} in
 * Prometheus' format, {@code /healthcheck}, {@code /ping}, {@code /threads}), on a Jetty of its own
 * with a handful of threads, since a worker has no Dropwizard server to lend one.
 */
final class WorkerAdmin implements AutoCloseable {

  private static final int MAX_THREADS = 8;

  private final Server server;

  private WorkerAdmin(Server server) {
    this.server = server;
  }

  /** Listens at once: a port already taken stops the worker before it takes any work. */
  static WorkerAdmin start(
      WorkerConfig.AdminPort config, MetricRegistry metrics, HealthCheckRegistry checks)
      throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 1);
    threads.setName("worker-admin");
    threads.setDaemon(true);
    Server server = new Server(threads);
    // One acceptor and one selector, whatever the number of cores: scrapes and probes are rare.
    ServerConnector connector = new ServerConnector(server, 1, 1);
    connector.setHost(config.bindHost());
    connector.setPort(config.port());
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(
        new ServletHolder(new PrometheusMetricsServlet(PrometheusExport.of(metrics))), "/metrics");
    context.addServlet(new ServletHolder(new HealthCheckServlet(checks)), "/healthcheck");
    context.addServlet(new ServletHolder(new PingServlet()), "/ping");
    context.addServlet(new ServletHolder(new ThreadDumpServlet()), "/threads");
    server.setHandler(context);
    server.setStopAtShutdown(
        false); // the worker's own shutdown hook stops it, after the worker drained
    try {
      server.start();
    } catch (IOException e) {
      server.stop();
      throw new IOException(
          "the worker's admin port cannot listen on "
              + (config.bindHost() == null ? "*" : config.bindHost())
              + ":"
              + config.port()
              + " ("
              + e.getMessage()
              + "): choose another worker.admin.port, 0 for any free"
              + " one, or turn it off with worker.admin.enabled: false",
          e);
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    return new WorkerAdmin(server);
  }

  /** The port listened on: the configured one, or the one chosen for port 0. */
  int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
