package org.odcmigrate.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Where the Temporal service is and how workers poll it.
 *
 * @param stickyScheduleToStartSeconds 0 turns sticky execution off, as the test server needs
 *     when workers may die: otherwise the next workflow task waits for the dead worker
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record TemporalConfig(
    @JsonProperty("target") @NotBlank String target,
    @JsonProperty("namespace") @NotBlank String namespace,
    @JsonProperty("taskQueue") @NotBlank String taskQueue,
    @JsonProperty("stickyScheduleToStartSeconds") @Min(0) int stickyScheduleToStartSeconds,
    @JsonProperty("maxConcurrentActivities") @Min(1) int maxConcurrentActivities) {

  public TemporalConfig {
    target = target == null ? "localhost:7233" : target;
    namespace = namespace == null ? "default" : namespace;
    taskQueue = taskQueue == null ? "data-migration" : taskQueue;
    maxConcurrentActivities = maxConcurrentActivities == 0 ? 16 : maxConcurrentActivities;
  }

  public static TemporalConfig defaults() {
    return new TemporalConfig(null, null, null, 5, 0);
  }
}
