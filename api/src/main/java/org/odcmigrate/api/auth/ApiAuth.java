package org.odcmigrate.api.auth;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.core.setup.Environment;

/** Turns bearer-token authentication and roles on, as the {@code auth} section says. */
public final class ApiAuth {

  static final String REALM = "odc-migrate";

  private ApiAuth() {}

  /** Registers nothing when auth is off: every endpoint is then open. */
  public static void register(AuthConfig config, Environment environment) {
    if (!config.isEnabled()) {
      return;
    }
    Meter rejected =
        environment.metrics().meter(MetricRegistry.name("odc-migrate", "auth", "rejected"));
    Meter forbidden =
        environment.metrics().meter(MetricRegistry.name("odc-migrate", "auth", "forbidden"));
    TokenAuthenticator tokens = new TokenAuthenticator(config.tokens());
    environment
        .jersey()
        .register(
            new AuthDynamicFeature(
                new BearerTokenFilter.Builder()
                    .setAuthenticator(tokens)
                    .setAuthorizer(tokens)
                    .setPrefix("Bearer")
                    .setRealm(REALM)
                    .setUnauthorizedHandler(new ProblemUnauthorizedHandler(rejected))
                    .buildAuthFilter()));
    environment.jersey().register(new RolesFeature(forbidden));
  }
}
