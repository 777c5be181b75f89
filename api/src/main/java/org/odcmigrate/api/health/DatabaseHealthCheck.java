package org.odcmigrate.api.health;

import com.codahale.metrics.health.HealthCheck;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * {@code SELECT 1} through a configured database's pool, answered within a short time. The pool may
 * wait far longer for a connection than a health check should, so the query runs on a thread of its
 * own; while a slow probe is still waiting, no second one is started.
 */
public class DatabaseHealthCheck extends HealthCheck {

  private final String description;
  private final DataSource pool;
  private final long timeoutMillis;
  private final ExecutorService probe;
  private Future<?> pending;

  public DatabaseHealthCheck(String description, DataSource pool, long timeoutMillis) {
    this.description = description;
    this.pool = pool;
    this.timeoutMillis = timeoutMillis;
    this.probe =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "health-" + description.replace(' ', '-'));
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  protected synchronized Result check() throws Exception {
    if (pending == null || pending.isDone()) {
      pending = probe.submit(this::selectOne);
    }
    try {
      pending.get(timeoutMillis, TimeUnit.MILLISECONDS);
      return Result.healthy("%s answers", description);
    } catch (TimeoutException e) {
      return Result.unhealthy(
          "%s did not answer SELECT 1 within %d ms", description, timeoutMillis);
    } catch (java.util.concurrent.ExecutionException e) {
      return Result.unhealthy("%s cannot be queried: %s", description, e.getCause().getMessage());
    }
  }

  private Void selectOne() throws Exception {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout((int) Math.max(1, TimeUnit.MILLISECONDS.toSeconds(timeoutMillis)));
      statement.execute("SELECT 1");
    }
    return null;
  }
}
