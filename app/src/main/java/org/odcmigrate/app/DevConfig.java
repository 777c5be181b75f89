package org.odcmigrate.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * What {@code dev} and {@code demo} start inside the JVM; ignored by {@code api} and {@code
 * worker}.
 *
 * @param temporalTestServerPort start the Temporal test server on this port (0: use {@code
 *     temporal.target})
 * @param embeddedPostgresPort start an embedded PostgreSQL on this port (0: use the configured
 *     stages)
 * @param sample generate a sample O11 environment and convert it into a stage (null: none)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record DevConfig(
    @JsonProperty("temporalTestServerPort") @Min(0) @Max(65535) int temporalTestServerPort,
    @JsonProperty("embeddedPostgresPort") @Min(0) @Max(65535) int embeddedPostgresPort,
    @JsonProperty("sample") @Valid SampleConfig sample) {

  public static DevConfig none() {
    return new DevConfig(0, 0, null);
  }

  /** The generated sample environment and the stage its modules are converted into. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record SampleConfig(
      @JsonProperty("environment") String environment,
      @JsonProperty("stage") String stage,
      @JsonProperty("rowsPerEntity") @Min(1) int rowsPerEntity,
      @JsonProperty("seed") long seed) {}
}
