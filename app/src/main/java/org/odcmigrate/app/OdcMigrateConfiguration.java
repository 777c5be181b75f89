package org.odcmigrate.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;
import org.odcmigrate.api.auth.AuthConfig;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.config.MigrationDefaults;
import org.odcmigrate.config.StageConfig;
import org.odcmigrate.config.TemporalConfig;

/**
 * The one configuration file of every command: Temporal, environments, stages, defaults, API auth.
 */
public class OdcMigrateConfiguration extends Configuration {

  @Valid @NotNull private TemporalConfig temporal = TemporalConfig.defaults();

  @Valid @NotNull
  private Map<String, @Valid EnvironmentConfig> environments = new LinkedHashMap<>();

  @Valid @NotNull private Map<String, @Valid StageConfig> stages = new LinkedHashMap<>();
  @Valid @NotNull private MigrationDefaults migration = MigrationDefaults.defaults();
  @Valid @NotNull private DevConfig dev = DevConfig.none();
  @Valid @NotNull private AuthConfig auth = AuthConfig.disabled();
  @Valid @NotNull private WorkerConfig worker = WorkerConfig.defaults();

  @JsonProperty
  public TemporalConfig getTemporal() {
    return temporal;
  }

  @JsonProperty
  public void setTemporal(TemporalConfig temporal) {
    this.temporal = temporal;
  }

  @JsonProperty
  public Map<String, EnvironmentConfig> getEnvironments() {
    return environments;
  }

  @JsonProperty
  public void setEnvironments(Map<String, EnvironmentConfig> environments) {
    this.environments = environments;
  }

  @JsonProperty
  public Map<String, StageConfig> getStages() {
    return stages;
  }

  @JsonProperty
  public void setStages(Map<String, StageConfig> stages) {
    this.stages = stages;
  }

  @JsonProperty
  public MigrationDefaults getMigration() {
    return migration;
  }

  @JsonProperty
  public void setMigration(MigrationDefaults migration) {
    this.migration = migration;
  }

  @JsonProperty
  public DevConfig getDev() {
    return dev;
  }

  @JsonProperty
  public void setDev(DevConfig dev) {
    this.dev = dev;
  }

  @JsonProperty
  public AuthConfig getAuth() {
    return auth;
  }

  @JsonProperty
  public void setAuth(AuthConfig auth) {
    this.auth = auth;
  }

  @JsonProperty
  public WorkerConfig getWorker() {
    return worker;
  }

  @JsonProperty
  public void setWorker(WorkerConfig worker) {
    this.worker = worker;
  }

  /** Connection pools for the configured environments and stages (opened on first use). */
  public Connections connections() {
    return new Connections(environments, stages, migration.values());
  }
}
