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
    @JsonProperty("heartbeatTimeoutSeconds") @Min(5) @Max(3600) int heartbeatTimeoutSeconds,
    @JsonProperty("nullValues") ValuePolicy.NullValues nullValues,
    @JsonProperty("nulCharacters") ValuePolicy.NulCharacters nulCharacters,
    @JsonProperty("estimateRowsPerSecond") @Min(0) long estimateRowsPerSecond) {

  /**
   * The throughput {@code check} estimates a migration's duration with, rows per second: the
   * "wide" benchmark's rows per second (docs/benchmarks.md).
   */
  public static final long BENCHMARK_ROWS_PER_SECOND = 218_711;

  public MigrationDefaults {
    MigrationOptions d = MigrationOptions.defaults();
    parallelApps = parallelApps == 0 ? d.parallelApps() : parallelApps;
    parallelEntities = parallelEntities == 0 ? d.parallelEntities() : parallelEntities;
    batchSize = batchSize == 0 ? d.batchSize() : batchSize;
    splitRows = splitRows == 0 ? d.splitRows() : splitRows;
    heartbeatTimeoutSeconds = heartbeatTimeoutSeconds == 0 ? (int) d.heartbeatTimeout().toSeconds() : heartbeatTimeoutSeconds;
    nullValues = nullValues == null ? ValuePolicy.NullValues.DEFAULT : nullValues;
    nulCharacters = nulCharacters == null ? ValuePolicy.NulCharacters.REJECT : nulCharacters;
    estimateRowsPerSecond = estimateRowsPerSecond == 0 ? BENCHMARK_ROWS_PER_SECOND : estimateRowsPerSecond;
  }

  public MigrationDefaults(int parallelApps, int parallelEntities, int batchSize, long splitRows,
      int heartbeatTimeoutSeconds) {
    this(parallelApps, parallelEntities, batchSize, splitRows, heartbeatTimeoutSeconds, null, null, 0);
  }

  public static MigrationDefaults defaults() {
    return new MigrationDefaults(0, 0, 0, 0, 0);
  }

  public ValuePolicy values() {
    return new ValuePolicy(nullValues, nulCharacters);
  }

  public MigrationOptions toOptions() {
    return new MigrationOptions(parallelApps, parallelEntities, batchSize, splitRows, Duration.ofSeconds(heartbeatTimeoutSeconds));
  }
}
