package org.odcmigrate.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The connection pools of the configured environments and stages, looked up by name, so that
 * workflow payloads carry names and never credentials.
 */
public final class Connections implements AutoCloseable {

  private final Map<String, EnvironmentConfig> environments;
  private final Map<String, StageConfig> stages;
  private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();
  private final ValuePolicy values;

  public Connections(Map<String, EnvironmentConfig> environments, Map<String, StageConfig> stages) {
    this(environments, stages, ValuePolicy.defaults());
  }

  public Connections(
      Map<String, EnvironmentConfig> environments,
      Map<String, StageConfig> stages,
      ValuePolicy values) {
    this.environments = Map.copyOf(environments);
    this.stages = Map.copyOf(stages);
    this.values = values;
  }

  /** What the copy does with NULLs outside references and U+0000 in text. */
  public ValuePolicy values() {
    return values;
  }

  public Map<String, EnvironmentConfig> environments() {
    return environments;
  }

  public Map<String, StageConfig> stages() {
    return stages;
  }

  /** The O11 platform database of an environment. */
  public DataSource source(String environment) {
    return pools.computeIfAbsent(
        "environment:" + environment, k -> pool(k, environment(environment).database(), true));
  }

  /** The PostgreSQL database of an ODC stage. */
  public DataSource stage(String stage) {
    StageConfig config = stageConfig(stage);
    return pools.computeIfAbsent("stage:" + stage, k -> pool(k, config.database(), false));
  }

  /** A connection for the environment's control: its control login when one is configured. */
  public DataSource environmentControl(String environment) {
    EnvironmentConfig config = environment(environment);
    return pools.computeIfAbsent(
        "environment-control:" + environment,
        k ->
            pool(
                k,
                controlDatabase(config.url(), config.user(), config.password(), config.control()),
                false));
  }

  /** A connection for the stage's control: its control login when one is configured. */
  public DataSource stageControl(String stage) {
    StageConfig config = stageConfig(stage);
    return pools.computeIfAbsent(
        "stage-control:" + stage,
        k ->
            pool(
                k,
                controlDatabase(config.url(), config.user(), config.password(), config.control()),
                false));
  }

  public StageConfig stageConfig(String stage) {
    StageConfig config = stages.get(stage);
    if (config == null) {
      throw new UnknownNameException("stage", stage, stages.keySet());
    }
    return config;
  }

  private static DatabaseConfig controlDatabase(
      String url, String user, String password, ControlConfig control) {
    return control.user() != null
        ? new DatabaseConfig(url, control.user(), control.password(), 2)
        : new DatabaseConfig(url, user, password, 2);
  }

  public ZoneId timeZone(String environment) {
    return environment(environment).zone();
  }

  public EnvironmentConfig environment(String environment) {
    EnvironmentConfig config = environments.get(environment);
    if (config == null) {
      throw new UnknownNameException("environment", environment, environments.keySet());
    }
    return config;
  }

  private static HikariDataSource pool(String name, DatabaseConfig db, boolean readOnly) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(db.url());
    SqlServerSettings.missingFrom(db.url()).forEach(config::addDataSourceProperty);
    StageSessionSettings.initSql(db.url()).ifPresent(config::setConnectionInitSql);
    config.setUsername(db.user());
    config.setPassword(db.password());
    config.setMaximumPoolSize(db.maxConnections());
    config.setMinimumIdle(0);
    config.setReadOnly(readOnly);
    // Pools are opened on first use: a worker starts even if a database is down for now.
    config.setInitializationFailTimeout(-1);
    // More activities than connections may run at once (ranges of several entities): a copy then
    // waits for a connection rather than failing; its heartbeat keeps it alive meanwhile.
    config.setConnectionTimeout(Duration.ofMinutes(2).toMillis());
    return new HikariDataSource(config);
  }

  @Override
  public void close() {
    pools.values().forEach(HikariDataSource::close);
    pools.clear();
  }
}
