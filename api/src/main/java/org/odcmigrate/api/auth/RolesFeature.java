package org.odcmigrate.api.auth;

import com.codahale.metrics.Meter;
import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import java.util.Arrays;
import org.odcmigrate.api.problem.ProblemException;

/**
 * Enforces {@link RolesAllowed} of a resource method (or else of its class) after the token was
 * authenticated, answering 403 with the role the call needs; Jersey's own feature only says
 * "forbidden".
 */
public final class RolesFeature implements DynamicFeature {

  private final Meter forbidden;

  public RolesFeature(Meter forbidden) {
    this.forbidden = forbidden;
  }

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    RolesAllowed allowed = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
    if (allowed == null) {
      allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
    }
    if (allowed != null) {
      context.register(new RoleFilter(allowed.value(), forbidden));
    }
  }

  @Priority(Priorities.AUTHORIZATION)
  private record RoleFilter(String[] roles, Meter forbidden) implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
      for (String role : roles) {
        if (request.getSecurityContext().isUserInRole(role)) {
          return;
        }
      }
      forbidden.mark();
      Principal user = request.getSecurityContext().getUserPrincipal();
      String held =
          user instanceof ApiUser u
              ? "token '" + u.name() + "' has role " + u.role()
              : "the caller has no role";
      throw new ProblemException(
          Response.Status.FORBIDDEN,
          "forbidden",
          "this call needs role " + String.join(" or ", Arrays.asList(roles)) + "; " + held);
    }
  }
}
