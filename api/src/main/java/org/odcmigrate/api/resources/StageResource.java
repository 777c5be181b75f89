package org.odcmigrate.api.resources;

import com.codahale.metrics.annotation.Timed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.odcmigrate.api.auth.Roles;
import org.odcmigrate.api.core.StageAppView;
import org.odcmigrate.api.core.StageApps;
import org.odcmigrate.api.core.StageView;
import org.odcmigrate.api.problem.ProblemException;
import org.odcmigrate.config.StageConfig;
import org.odcmigrate.config.UnknownNameException;

/** {@code /api/stages}: the configured ODC stages and the apps code migration put into them. */
@Path("/api/stages")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
@Tag(name = "configuration")
public class StageResource {

  private final Map<String, StageConfig> stages;
  private final StageApps apps;

  public StageResource(Map<String, StageConfig> stages, StageApps apps) {
    this.stages = stages;
    this.apps = apps;
  }

  @GET
  @Timed
  @Operation(
      operationId = "listStages",
      summary = "The configured ODC stages: name, database host and name")
  public List<StageView> list() {
    return stages.entrySet().stream()
        .map(e -> StageView.of(e.getKey(), e.getValue()))
        .sorted(Comparator.comparing(StageView::name))
        .toList();
  }

  @GET
  @Path("/{stage}/apps")
  @Timed
  @Operation(
      operationId = "stageApps",
      summary =
          "The stage's apps with their entities, status and deployed flag; with source, only the apps"
              + " converted from that environment's modules, each saying whether it can be migrated")
  public List<StageAppView> apps(
      @PathParam("stage") @Size(max = 100) String stage,
      @Parameter(description = "an O11 environment name") @QueryParam("source") @Size(max = 100)
          String source) {
    if (!stages.containsKey(stage)) {
      throw new ProblemException(
          Response.Status.NOT_FOUND,
          "stage-not-found",
          new UnknownNameException("stage", stage, stages.keySet()).getMessage());
    }
    return apps.apps(stage, source == null || source.isEmpty() ? null : source);
  }
}
