package org.odcmigrate.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;

/**
 * How odc-migrate stops and starts an O11 environment, or undeploys and redeploys a stage's apps.
 *
 * @param type {@code none} (only "keep running" / "keep deployed" are possible), {@code database}
 *     (O11: disable the runtime SQL logins and end their sessions; ODC: take LOGIN from each app's
 *     runtime role and end its sessions), or {@code webhook} (POST JSON to {@code url})
 * @param user for {@code database}: a login allowed to alter logins or roles (default: the
 *     connection's)
 * @param logins for an O11 {@code database} control: the runtime SQL logins of the environment
 * @param authorization for {@code webhook}: the value of the Authorization header
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ControlConfig(
    @JsonProperty("type") Type type,
    @JsonProperty("user") String user,
    @JsonProperty("password") String password,
    @JsonProperty("logins") List<String> logins,
    @JsonProperty("url") String url,
    @JsonProperty("authorization") String authorization,
    @JsonProperty("timeoutSeconds") @Min(1) @Max(600) int timeoutSeconds) {

  /** The kinds of control. */
  public enum Type {
    NONE,
    DATABASE,
    WEBHOOK;

    @com.fasterxml.jackson.annotation.JsonCreator
    static Type of(String text) {
      return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
  }

  public ControlConfig {
    type = type == null ? Type.NONE : type;
    logins = logins == null ? List.of() : List.copyOf(logins);
    timeoutSeconds = timeoutSeconds == 0 ? 30 : timeoutSeconds;
  }

  public static ControlConfig none() {
    return new ControlConfig(Type.NONE, null, null, null, null, null, 0);
  }

  @AssertTrue(message = "needs a url when type is webhook")
  boolean isWebhookUrlGiven() {
    return type != Type.WEBHOOK || (url != null && !url.isBlank());
  }

  /** Without secrets: configurations end up in logs. */
  @Override
  public String toString() {
    return "ControlConfig[type="
        + type
        + ", user="
        + user
        + ", logins="
        + logins
        + ", url="
        + url
        + "]";
  }
}
