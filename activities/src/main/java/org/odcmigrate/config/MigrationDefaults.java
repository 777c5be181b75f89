package org.odcmigrate.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.odcmigrate.migration.MigrationOptions;

/**
 * Defaults for every migration started through this API; see {@link MigrationOptions}. A key left
 * out (null) takes the product's default; a key given with a value out of range is refused by
 * validation with its name, never silently replaced.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record MigrationDefaults(
    @JsonProperty("parallelApps") @Min(1) @Max(64) Integer parallelApps,
    @JsonProperty("parallelEntities") @Min(1) @Max(64) Integer parallelEntities,
    @JsonProperty("batchSize") @Min(1) @Max(1_000_000) Integer batchSize,
    @JsonProperty("splitRows") @Min(1000) Long splitRows,
    @JsonProperty("heartbeatTimeoutSeconds") @Min(5) @Max(3600) Integer heartbeatTimeoutSeconds,
    @JsonProperty("nullValues") ValuePolicy.NullValues nullValues,
    @JsonProperty("nulCharacters") ValuePolicy.NulCharacters nulCharacters,
    @JsonProperty("estimateRowsPerSecond") @Min(1) Long estimateRowsPerSecond) {

  /**
   * The throughput {@code check} estimates a migration's duration with, rows per second: the "wide"
   * benchmark's rows per second (docs/benchmarks.md).
   */
  public static final long BENCHMARK_ROWS_PER_SECOND = 136_509;

  public MigrationDefaults {
    MigrationOptions d = MigrationOptions.defaults();
    parallelApps = parallelApps == null ? d.parallelApps() : parallelApps;
    parallelEntities = parallelEntities == null ? d.parallelEntities() : parallelEntities;
    batchSize = batchSize == null ? d.batchSize() : batchSize;
    splitRows = splitRows == null ? d.splitRows() : splitRows;
    heartbeatTimeoutSeconds =
        heartbeatTimeoutSeconds == null
            ? (int) d.heartbeatTimeout().toSeconds()
            : heartbeatTimeoutSeconds;
    nullValues = nullValues == null ? ValuePolicy.NullValues.DEFAULT : nullValues;
    nulCharacters = nulCharacters == null ? ValuePolicy.NulCharacters.REJECT : nulCharacters;
    estimateRowsPerSecond =
        estimateRowsPerSecond == null ? BENCHMARK_ROWS_PER_SECOND : estimateRowsPerSecond;
  }

  /** The copy's settings; the value policies and the estimate at their defaults. */
  public MigrationDefaults(
      Integer parallelApps,
      Integer parallelEntities,
      Integer batchSize,
      Long splitRows,
      Integer heartbeatTimeoutSeconds) {
    this(
        parallelApps,
        parallelEntities,
        batchSize,
        splitRows,
        heartbeatTimeoutSeconds,
        null,
        null,
        null);
  }

  /** Every key at the product's default. */
  public static MigrationDefaults defaults() {
    return new MigrationDefaults(null, null, null, null, null, null, null, null);
  }

  public ValuePolicy values() {
    return new ValuePolicy(nullValues, nulCharacters);
  }

  public MigrationOptions toOptions() {
    return new MigrationOptions(
        parallelApps,
        parallelEntities,
        batchSize,
        splitRows,
        Duration.ofSeconds(heartbeatTimeoutSeconds));
  }
}
