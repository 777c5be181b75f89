package org.odcmigrate.api.resources;

import com.codahale.metrics.annotation.Timed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.odcmigrate.api.auth.Roles;
import org.odcmigrate.api.core.CheckService;
import org.odcmigrate.api.core.EnvironmentService;
import org.odcmigrate.api.core.EnvironmentStarted;
import org.odcmigrate.api.core.EnvironmentView;
import org.odcmigrate.api.core.UserValidation;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.plan.CheckReport;

/** {@code /api/environments}: the configured O11 environments, without credentials. */
@Path("/api/environments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
@Tag(name = "configuration")
public class EnvironmentResource {

  private final List<EnvironmentView> environments;
  private final EnvironmentService service;
  private final CheckService checks;

  public EnvironmentResource(
      Map<String, EnvironmentConfig> environments,
      EnvironmentService service,
      CheckService checks) {
    this.service = service;
    this.checks = checks;
    this.environments =
        environments.entrySet().stream()
            .map(e -> EnvironmentView.of(e.getKey(), e.getValue()))
            .sorted(Comparator.comparing(EnvironmentView::name))
            .toList();
  }

  @GET
  @Timed
  @Operation(
      operationId = "listEnvironments",
      summary = "The configured O11 environments: name, time zone, database host and name")
  public List<EnvironmentView> list() {
    return environments;
  }

  @GET
  @Path("/{name}/users/validation")
  @Timed
  @Operation(
      operationId = "validateUsers",
      summary =
          "End users whose email cannot be an ODC login (empty, malformed, duplicate), to fix in O11 first")
  public UserValidation validateUsers(@PathParam("name") String name) {
    return service.validateUsers(name);
  }

  @GET
  @Path("/{name}/check")
  @Timed
  @Operation(
      operationId = "checkEnvironment",
      summary =
          "A migration's whole preparation against a stage, changing nothing: what the reader found and"
              + " derived, modules and apps, rows and bytes, blockers, model differences, invalid emails, the values"
              + " that will be rewritten and an estimated duration")
  public CheckReport check(@PathParam("name") String name, @QueryParam("stage") String stage) {
    return checks.check(name, stage);
  }

  @POST
  @Path("/{name}/start")
  @Timed
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      operationId = "startEnvironment",
      summary =
          "Starts a stopped O11 environment through its control (migrations never restart one)")
  public EnvironmentStarted start(@PathParam("name") String name) {
    return service.start(name);
  }
}
