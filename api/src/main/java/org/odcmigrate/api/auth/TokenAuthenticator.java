package org.odcmigrate.api.auth;

import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.Authorizer;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Finds the configured token a bearer credential matches. Only hashes are compared, every one of
 * them and in constant time, so neither the answer time nor memory tells a token's content.
 */
public final class TokenAuthenticator
    implements Authenticator<String, ApiUser>, Authorizer<ApiUser> {

  private record Known(byte[] hash, ApiUser user) {}

  private final List<Known> tokens;

  public TokenAuthenticator(List<TokenConfig> tokens) {
    this.tokens =
        tokens.stream().map(t -> new Known(t.hash(), new ApiUser(t.name(), t.role()))).toList();
  }

  @Override
  public Optional<ApiUser> authenticate(String credentials) {
    byte[] presented = TokenConfig.sha256(credentials);
    ApiUser found = null;
    for (Known token : tokens) {
      if (MessageDigest.isEqual(presented, token.hash()) && found == null) {
        found = token.user();
      }
    }
    return Optional.ofNullable(found);
  }

  @Override
  public boolean authorize(ApiUser user, String role, ContainerRequestContext request) {
    return Roles.allows(user.role(), role);
  }
}
