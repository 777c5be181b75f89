package org.odcmigrate.api.auth;

import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.odcmigrate.api.problem.ProblemException;

/**
 * Reads the bearer token from the {@code Authorization} header only. Dropwizard's OAuth filter also
 * takes {@code ?access_token=}, which would put tokens into URLs, request logs and browser
 * histories; such a request is refused with 400 instead.
 */
@Priority(Priorities.AUTHENTICATION)
final class BearerTokenFilter extends AuthFilter<String, ApiUser> {

  static final String QUERY_TOKEN = "access_token";

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getUriInfo().getQueryParameters().containsKey(QUERY_TOKEN)) {
      throw new ProblemException(
          Response.Status.BAD_REQUEST,
          "token-in-url",
          "send the token in the header 'Authorization: Bearer <token>', never in the URL: URLs are logged");
    }
    String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    String token = null;
    if (header != null) {
      int space = header.indexOf(' ');
      if (space > 0 && header.substring(0, space).equalsIgnoreCase(prefix)) {
        token = header.substring(space + 1).strip();
      }
    }
    if (token == null || token.isEmpty() || !authenticate(request, token, prefix)) {
      throw unauthorizedHandler.buildException(prefix, realm);
    }
  }

  /** Builds the filter as Dropwizard's other auth filters are built. */
  static final class Builder extends AuthFilterBuilder<String, ApiUser, BearerTokenFilter> {
    @Override
    protected BearerTokenFilter newInstance() {
      return new BearerTokenFilter();
    }
  }
}
