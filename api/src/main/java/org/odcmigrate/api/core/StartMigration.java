package org.odcmigrate.api.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The body of {@code POST /api/migrations}: the choices of the portal's setup page.
 *
 * @param stopEnvironment true: stop the O11 environment during the run; false: keep it running
 * @param undeployApps true: undeploy the stage's apps during the run; false: keep them deployed
 * @param skipInvalidUsers leave out users whose email cannot be an ODC login (default false: refuse
 *     to start)
 * @param skipEndUsers do not transfer end users (non-production stages only; default false)
 * @param incremental copy only the key ranges changed since the stage's last completed migration
 *     from this environment (default false: copy everything)
 * @param startAt when to start, as an ISO-8601 instant ({@code 2026-12-06T02:00:00Z}); absent or
 *     past: at once
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record StartMigration(
    @JsonProperty(value = "sourceEnvironment", required = true) @NotBlank @Size(max = 100)
        String sourceEnvironment,
    @JsonProperty(value = "targetStage", required = true) @NotBlank @Size(max = 100)
        String targetStage,
    @JsonProperty(value = "stopEnvironment", required = true) @NotNull Boolean stopEnvironment,
    @JsonProperty(value = "undeployApps", required = true) @NotNull Boolean undeployApps,
    @JsonProperty("skipInvalidUsers") Boolean skipInvalidUsers,
    @JsonProperty("skipEndUsers") Boolean skipEndUsers,
    @JsonProperty("incremental") Boolean incremental,
    @JsonProperty("startAt") @Size(max = 100) String startAt) {

  public StartMigration {
    skipInvalidUsers = skipInvalidUsers != null && skipInvalidUsers;
    skipEndUsers = skipEndUsers != null && skipEndUsers;
    incremental = incremental != null && incremental;
  }

  /** A full copy that starts at once. */
  public StartMigration(
      String sourceEnvironment,
      String targetStage,
      Boolean stopEnvironment,
      Boolean undeployApps,
      Boolean skipInvalidUsers,
      Boolean skipEndUsers) {
    this(
        sourceEnvironment,
        targetStage,
        stopEnvironment,
        undeployApps,
        skipInvalidUsers,
        skipEndUsers,
        false,
        null);
  }

  /** The requested start; empty for at once. */
  public Optional<Instant> startTime() {
    if (startAt == null || startAt.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(startAt.strip()));
    } catch (DateTimeParseException e) {
      throw new InvalidValueException(
          "startAt must be an ISO-8601 instant such as 2026-12-06T02:00:00Z, was " + startAt);
    }
  }
}
