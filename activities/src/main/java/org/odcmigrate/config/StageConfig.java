package org.odcmigrate.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * An ODC stage: the PostgreSQL database that holds its catalog, its apps' data and its users.
 *
 * @param production a production stage: end users can never be skipped there (as in ODC)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record StageConfig(
    @JsonProperty("url") @NotBlank String url,
    @JsonProperty("user") String user,
    @JsonProperty("password") String password,
    @JsonProperty("maxConnections") @Min(1) @Max(200) int maxConnections,
    @JsonProperty("control") @Valid ControlConfig control,
    @JsonProperty("production") boolean production) {

  public StageConfig {
    maxConnections = maxConnections == 0 ? 16 : maxConnections;
    control = control == null ? ControlConfig.none() : control;
  }

  public DatabaseConfig database() {
    return new DatabaseConfig(url, user, password, maxConnections);
  }

  /** Without the password: configurations end up in logs. */
  @Override
  public String toString() {
    return "StageConfig[url="
        + url
        + ", user="
        + user
        + ", maxConnections="
        + maxConnections
        + ", control="
        + control
        + "]";
  }
}
