package org.odcmigrate.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.odcmigrate.migration.MigrationOptions;

/** Defaults for every migration started through this API; see {@link MigrationOptions}. */
@JsonIgnoreProperties(ignoreUnknown = false)
public record MigrationDefaults(
    @JsonProperty("parallelApps") @Min(1) @Max(64) int parallelApps,
    @JsonProperty("parallelEntities") @Min(1) @Max(64) int parallelEntities,
    @JsonProperty("batchSize") @Min(1) @Max(1_000_000) int batchSize,
    @JsonProperty("splitRows") @Min(1000) long splitRows,
    @JsonProperty("heartbeatTimeoutSeconds") @Min(5) @Max(3600) int heartbeatTimeoutSeconds) {

  public MigrationDefaults {
    MigrationOptions d = MigrationOptions.defaults();
    parallelApps = parallelApps == 0 ? d.parallelApps() : parallelApps;
    parallelEntities = parallelEntities == 0 ? d.parallelEntities() : parallelEntities;
    batchSize = batchSize == 0 ? d.batchSize() : batchSize;
    splitRows = splitRows == 0 ? d.splitRows() : splitRows;
    heartbeatTimeoutSeconds = heartbeatTimeoutSeconds == 0 ? (int) d.heartbeatTimeout().toSeconds() : heartbeatTimeoutSeconds;
  }

  public static MigrationDefaults defaults() {
    return new MigrationDefaults(0, 0, 0, 0, 0);
  }

  public MigrationOptions toOptions() {
    return new MigrationOptions(parallelApps, parallelEntities, batchSize, splitRows, Duration.ofSeconds(heartbeatTimeoutSeconds));
  }
}
