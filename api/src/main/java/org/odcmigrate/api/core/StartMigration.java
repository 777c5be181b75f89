package org.odcmigrate.api.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

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
    @JsonProperty("incremental") Boolean incremental) {

  public StartMigration {
    skipInvalidUsers = skipInvalidUsers != null && skipInvalidUsers;
    skipEndUsers = skipEndUsers != null && skipEndUsers;
    incremental = incremental != null && incremental;
  }

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
        false);
  }
}
