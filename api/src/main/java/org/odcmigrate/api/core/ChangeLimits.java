package org.odcmigrate.api.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.odcmigrate.migration.Limits;

/**
 * The body of {@code PUT /api/migrations/{id}/limits}: each field optional, an absent one stays as
 * it is.
 *
 * @param maxRowsPerSecond rows per second for all copies together; 0 lifts the limit
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ChangeLimits(
    @JsonProperty("parallelApps") @Min(1) @Max(Limits.MAX_PARALLEL) Integer parallelApps,
    @JsonProperty("parallelEntities") @Min(1) @Max(Limits.MAX_PARALLEL) Integer parallelEntities,
    @JsonProperty("maxRowsPerSecond") @Min(0) @Max(Limits.MAX_ROWS_PER_SECOND)
        Integer maxRowsPerSecond) {

  public Limits limits() {
    return new Limits(parallelApps, parallelEntities, maxRowsPerSecond);
  }
}
