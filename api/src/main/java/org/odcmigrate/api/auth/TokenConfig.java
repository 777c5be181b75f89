package org.odcmigrate.api.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One API token of the configuration.
 *
 * @param name who or what uses the token; shown in request logs instead of the token
 * @param role {@code viewer} or {@code operator}
 * @param token {@code sha256:<64 hex digits>} (the SHA-256 of the token), or the token itself, at
 *     least 16 characters, meant to come from an environment variable ({@code ${API_TOKEN}})
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record TokenConfig(
    @JsonProperty("name")
        @NotBlank
        @Size(max = 64)
        @Pattern(
            regexp = "[A-Za-z0-9._@-]+",
            message = "must be letters, digits, '.', '_', '@' or '-'")
        String name,
    @JsonProperty("role")
        @NotBlank
        @Pattern(
            regexp = Roles.VIEWER + "|" + Roles.OPERATOR,
            message = "must be viewer or operator")
        String role,
    @JsonProperty("token") @NotBlank String token) {

  static final String SHA256_PREFIX = "sha256:";
  private static final java.util.regex.Pattern HASH =
      java.util.regex.Pattern.compile("sha256:[0-9a-fA-F]{64}");
  private static final int MIN_PLAIN_LENGTH = 16;

  /** Checked at start so that a short or mistyped token never becomes a valid credential. */
  @JsonIgnore
  @AssertTrue(message = "must be sha256:<64 hex digits> or a token of at least 16 characters")
  public boolean isTokenWellFormed() {
    if (token == null) {
      return true; // @NotBlank reports it
    }
    return token.startsWith(SHA256_PREFIX)
        ? HASH.matcher(token).matches()
        : token.length() >= MIN_PLAIN_LENGTH;
  }

  /** The SHA-256 of the token: the only form kept in memory for comparisons. */
  public byte[] hash() {
    if (token.startsWith(SHA256_PREFIX)) {
      return HexFormat.of()
          .parseHex(token.substring(SHA256_PREFIX.length()).toLowerCase(Locale.ROOT));
    }
    return sha256(token);
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Without the token: configurations end up in logs. */
  @Override
  public String toString() {
    return "TokenConfig[name=" + name + ", role=" + role + "]";
  }
}
