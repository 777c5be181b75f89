package org.odcmigrate.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * What only the {@code worker} command reads. ({@code dev} and {@code demo} run their worker in the
 * API's process, whose admin port shows its metrics.)
 *
 * @param admin the worker's own admin port
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record WorkerConfig(@JsonProperty("admin") @Valid AdminPort admin) {

  /** The worker's admin port unless configured otherwise. */
  public static final int DEFAULT_ADMIN_PORT = 8082;

  public WorkerConfig {
    admin = admin == null ? new AdminPort(null, null, null) : admin;
  }

  public static WorkerConfig defaults() {
    return new WorkerConfig(null);
  }

  /**
   * Where the worker serves {@code /metrics} (Prometheus) and {@code /healthcheck}.
   *
   * @param enabled {@code false}: the worker opens no port
   * @param port 0: any free port, written to the log
   * @param bindHost the address to listen on; every interface when left out
   */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record AdminPort(
      @JsonProperty("enabled") Boolean enabled,
      @JsonProperty("port") @Min(0) @Max(65535) Integer port,
      @JsonProperty("bindHost") String bindHost) {

    public AdminPort {
      enabled = enabled == null || enabled;
      port = port == null ? DEFAULT_ADMIN_PORT : port;
      bindHost = bindHost == null || bindHost.isBlank() ? null : bindHost.strip();
    }
  }
}
