package org.odcmigrate.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Where the Temporal service is, how to authenticate to it and how workers poll it.
 *
 * @param namespace for Temporal Cloud the namespace id, {@code <namespace>.<account>}
 * @param stickyScheduleToStartSeconds 0 turns sticky execution off, as the test server needs when
 *     workers may die: otherwise the next workflow task waits for the dead worker; left out, it is
 *     5 (the SDK's default)
 * @param maxConcurrentActivities activities one worker runs at once; keep it below the pools' sizes
 * @param maxConcurrentWorkflowTaskPollers threads of one worker polling for workflow tasks
 * @param maxConcurrentActivityTaskPollers threads of one worker polling for activity tasks
 * @param tls TLS to the frontend, mutual with a client certificate; on by default with an API key
 * @param apiKey a Temporal Cloud API key, sent as {@code Authorization: Bearer <key>}
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record TemporalConfig(
    @JsonProperty("target") @NotBlank String target,
    @JsonProperty("namespace") @NotBlank String namespace,
    @JsonProperty("taskQueue") @NotBlank String taskQueue,
    @JsonProperty("stickyScheduleToStartSeconds") @Min(0) Integer stickyScheduleToStartSeconds,
    @JsonProperty("maxConcurrentActivities") @Min(1) int maxConcurrentActivities,
    @JsonProperty("maxConcurrentWorkflowTaskPollers") @Min(1) int maxConcurrentWorkflowTaskPollers,
    @JsonProperty("maxConcurrentActivityTaskPollers") @Min(1) int maxConcurrentActivityTaskPollers,
    @JsonProperty("tls") @Valid Tls tls,
    @JsonProperty("apiKey") String apiKey) {

  /** The SDK's own default for both kinds of pollers. */
  static final int DEFAULT_POLLERS = 5;

  public TemporalConfig {
    target = target == null ? "localhost:7233" : target;
    namespace = namespace == null ? "default" : namespace;
    taskQueue = taskQueue == null ? "data-migration" : taskQueue;
    // An omitted key is not "0 = sticky execution off", which only the test server needs.
    stickyScheduleToStartSeconds =
        stickyScheduleToStartSeconds == null ? 5 : stickyScheduleToStartSeconds;
    maxConcurrentActivities = maxConcurrentActivities == 0 ? 16 : maxConcurrentActivities;
    maxConcurrentWorkflowTaskPollers =
        maxConcurrentWorkflowTaskPollers == 0 ? DEFAULT_POLLERS : maxConcurrentWorkflowTaskPollers;
    maxConcurrentActivityTaskPollers =
        maxConcurrentActivityTaskPollers == 0 ? DEFAULT_POLLERS : maxConcurrentActivityTaskPollers;
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
  }

  /** Plain connection settings: no TLS, no API key, the SDK's pollers. */
  public TemporalConfig(
      String target,
      String namespace,
      String taskQueue,
      int stickyScheduleToStartSeconds,
      int maxConcurrentActivities) {
    this(
        target,
        namespace,
        taskQueue,
        stickyScheduleToStartSeconds,
        maxConcurrentActivities,
        0,
        0,
        null,
        null);
  }

  public static TemporalConfig defaults() {
    return new TemporalConfig(null, null, null, 5, 0);
  }

  /**
   * TLS is on when configured, and by default with an API key (Temporal Cloud takes keys over TLS
   * only).
   */
  public boolean tlsEnabled() {
    return tls != null ? tls.enabled() : apiKey != null;
  }

  /** Without the API key: configurations end up in logs. */
  @Override
  public String toString() {
    return "TemporalConfig[target="
        + target
        + ", namespace="
        + namespace
        + ", taskQueue="
        + taskQueue
        + ", stickyScheduleToStartSeconds="
        + stickyScheduleToStartSeconds
        + ", maxConcurrentActivities="
        + maxConcurrentActivities
        + ", maxConcurrentWorkflowTaskPollers="
        + maxConcurrentWorkflowTaskPollers
        + ", maxConcurrentActivityTaskPollers="
        + maxConcurrentActivityTaskPollers
        + ", tls="
        + tls
        + ", apiKey="
        + (apiKey == null ? "none" : "***")
        + "]";
  }

  /**
   * TLS to the Temporal frontend; with a client certificate and its key it is mutual TLS, as
   * Temporal Cloud's certificate authentication and clusters requiring client certificates need.
   * Files are read when a command starts, which fails naming the key and the file if one is
   * missing.
   *
   * @param enabled {@code false} turns TLS off, say with an API key to a plain-text proxy
   * @param clientCertFile PEM file of the client certificate (chain)
   * @param clientKeyFile PEM file of the client certificate's private key, PKCS#8 ("BEGIN PRIVATE
   *     KEY")
   * @param caFile PEM file of the CA(s) trusted for the server's certificate; default: the JVM's
   * @param serverName the host name the server's certificate is checked against when it is not the
   *     target's
   */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Tls(
      @JsonProperty("enabled") Boolean enabled,
      @JsonProperty("clientCertFile") String clientCertFile,
      @JsonProperty("clientKeyFile") String clientKeyFile,
      @JsonProperty("caFile") String caFile,
      @JsonProperty("serverName") String serverName) {

    public Tls {
      enabled = enabled == null || enabled;
      clientCertFile = blankToNull(clientCertFile);
      clientKeyFile = blankToNull(clientKeyFile);
      caFile = blankToNull(caFile);
      serverName = blankToNull(serverName);
    }

    /** Mutual TLS: a client certificate is presented. */
    public boolean mutual() {
      return clientCertFile != null;
    }

    @AssertTrue(
        message =
            "clientCertFile and clientKeyFile go together: give both for mutual TLS, or neither")
    boolean isCertificateWithItsKey() {
      return (clientCertFile == null) == (clientKeyFile == null);
    }

    private static String blankToNull(String text) {
      return text == null || text.isBlank() ? null : text.strip();
    }
  }
}
