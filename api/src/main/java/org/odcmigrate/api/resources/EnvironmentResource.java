package org.odcmigrate.api.resources;

import com.codahale.metrics.annotation.Timed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.odcmigrate.api.auth.Roles;
import org.odcmigrate.api.core.EnvironmentView;
import org.odcmigrate.config.EnvironmentConfig;

/** {@code /api/environments}: the configured O11 environments, without credentials. */
@Path("/api/environments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
@Tag(name = "configuration")
public class EnvironmentResource {

  private final List<EnvironmentView> environments;

  public EnvironmentResource(Map<String, EnvironmentConfig> environments) {
    this.environments = environments.entrySet().stream()
        .map(e -> EnvironmentView.of(e.getKey(), e.getValue()))
        .sorted(Comparator.comparing(EnvironmentView::name))
        .toList();
  }

  @GET
  @Timed
  @Operation(operationId = "listEnvironments",
      summary = "The configured O11 environments: name, time zone, database host and name")
  public List<EnvironmentView> list() {
    return environments;
  }
}
