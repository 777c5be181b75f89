package org.odcmigrate.api.auth;

import com.codahale.metrics.Meter;
import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.odcmigrate.api.problem.Problem;

/** 401 as problem JSON, with the {@code WWW-Authenticate} challenge RFC 6750 asks for. */
final class ProblemUnauthorizedHandler implements UnauthorizedHandler {

  private final Meter rejected;

  ProblemUnauthorizedHandler(Meter rejected) {
    this.rejected = rejected;
  }

  @Override
  public Response buildResponse(String prefix, String realm) {
    rejected.mark();
    return Response.fromResponse(
            Problem.of(
                    Response.Status.UNAUTHORIZED,
                    "unauthorized",
                    "this call needs a valid API token: send the header 'Authorization: Bearer <token>' with a token"
                        + " configured under auth.tokens")
                .toResponse())
        .header(HttpHeaders.WWW_AUTHENTICATE, prefix + " realm=\"" + realm + "\"")
        .build();
  }
}
