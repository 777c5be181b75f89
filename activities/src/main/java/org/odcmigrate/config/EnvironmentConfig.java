package org.odcmigrate.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.ZoneId;

/**
 * An O11 environment: its platform database (SQL Server) and the time zone its application servers
 * store DateTime values in.
 *
 * @param snapshotReads when the environment is kept running, read each key range in a SNAPSHOT
 *     transaction (the database must have ALLOW_SNAPSHOT_ISOLATION ON)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record EnvironmentConfig(
    @JsonProperty("url") @NotBlank String url,
    @JsonProperty("user") String user,
    @JsonProperty("password") String password,
    @JsonProperty("timeZone") @NotBlank String timeZone,
    @JsonProperty("maxConnections") @Min(1) @Max(200) int maxConnections,
    @JsonProperty("control") @Valid ControlConfig control,
    @JsonProperty("snapshotReads") boolean snapshotReads) {

  public EnvironmentConfig {
    timeZone = timeZone == null ? "UTC" : timeZone;
    maxConnections = maxConnections == 0 ? 16 : maxConnections;
    control = control == null ? ControlConfig.none() : control;
  }

  /** Stopping the environment must not lock out the login the migration reads it with. */
  @AssertTrue(
      message =
          "lists the environment's own user in control.logins: stopping the environment would"
              + " disable the login the migration reads with; read with a login of its own"
              + " (docs/operations.md, Security)")
  boolean isOwnLoginLeftEnabled() {
    return user == null || control.logins().stream().noneMatch(user.strip()::equalsIgnoreCase);
  }

  /**
   * The zone DateTime values were stored in; fails with the configured text if it is not a zone.
   */
  public ZoneId zone() {
    try {
      return ZoneId.of(timeZone);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "timeZone '" + timeZone + "' is not a time zone id such as UTC or Europe/Lisbon", e);
    }
  }

  public DatabaseConfig database() {
    return new DatabaseConfig(url, user, password, maxConnections);
  }

  /** Without the password: configurations end up in logs. */
  @Override
  public String toString() {
    return "EnvironmentConfig[url="
        + url
        + ", user="
        + user
        + ", timeZone="
        + timeZone
        + ", maxConnections="
        + maxConnections
        + ", control="
        + control
        + "]";
  }
}
