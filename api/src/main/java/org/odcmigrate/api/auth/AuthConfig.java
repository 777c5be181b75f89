package org.odcmigrate.api.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import java.util.HashSet;
import java.util.List;

/**
 * The {@code auth} section: bearer tokens and their roles. Without the section, or with {@code
 * enabled: false}, the API is open (what {@code dev} and {@code demo} use).
 *
 * @param enabled defaults to true when the section is present
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record AuthConfig(
    @JsonProperty("enabled") Boolean enabled,
    @JsonProperty("tokens") @Valid List<@Valid TokenConfig> tokens) {

  public AuthConfig {
    enabled = enabled == null || enabled;
    tokens = tokens == null ? List.of() : List.copyOf(tokens);
  }

  public static AuthConfig disabled() {
    return new AuthConfig(false, List.of());
  }

  public boolean isEnabled() {
    return enabled;
  }

  /** An enabled section without tokens would lock everybody out: refuse it at start instead. */
  @JsonIgnore
  @AssertTrue(message = "needs at least one token when auth is enabled (or set enabled: false)")
  public boolean isTokensGivenWhenEnabled() {
    return !enabled || !tokens.isEmpty();
  }

  @JsonIgnore
  @AssertTrue(message = "must name every token differently")
  public boolean isTokenNamesUnique() {
    return tokens.stream()
        .map(TokenConfig::name)
        .filter(n -> n != null)
        .allMatch(new HashSet<>()::add);
  }
}
