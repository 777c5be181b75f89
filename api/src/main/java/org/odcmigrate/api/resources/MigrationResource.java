package org.odcmigrate.api.resources;

import com.codahale.metrics.annotation.Timed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import java.security.Principal;
import java.util.List;
import org.odcmigrate.api.auth.Roles;
import org.odcmigrate.api.core.CancelAccepted;
import org.odcmigrate.api.core.CancelMigration;
import org.odcmigrate.api.core.ChangeLimits;
import org.odcmigrate.api.core.ControlAccepted;
import org.odcmigrate.api.core.MigrationControls;
import org.odcmigrate.api.core.MigrationEntities;
import org.odcmigrate.api.core.MigrationFinder;
import org.odcmigrate.api.core.MigrationLog;
import org.odcmigrate.api.core.MigrationStarter;
import org.odcmigrate.api.core.MigrationSummary;
import org.odcmigrate.api.core.MigrationView;
import org.odcmigrate.api.core.PauseMigration;
import org.odcmigrate.api.core.StartMigration;

/**
 * {@code /api/migrations}: start a data migration (now or at a time), follow it, pause, resume or
 * limit it, cancel it, list them all.
 */
@Path("/api/migrations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
@Tag(name = "migrations")
public class MigrationResource {

  static final int MAX_ID_LENGTH = 100;

  private final MigrationStarter starter;
  private final MigrationFinder migrations;
  private final MigrationControls controls;

  public MigrationResource(
      MigrationStarter starter, MigrationFinder migrations, MigrationControls controls) {
    this.starter = starter;
    this.migrations = migrations;
    this.controls = controls;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Timed
  @Operation(
      operationId = "startMigration",
      summary = "Starts a data migration of an O11 environment into an ODC stage",
      responses = {
        @ApiResponse(responseCode = "202", description = "started; Location names it"),
        @ApiResponse(responseCode = "409", description = "the stage already runs a migration"),
        @ApiResponse(
            responseCode = "422",
            description =
                "unknown environment or stage, or invalid values (startAt: an ISO-8601 instant)")
      })
  public Response start(@NotNull @Valid StartMigration body) {
    MigrationView started = starter.start(body);
    return Response.accepted(started)
        .location(UriBuilder.fromResource(MigrationResource.class).path(started.id()).build())
        .build();
  }

  @GET
  @Timed
  @Operation(
      operationId = "listMigrations",
      summary = "Lists the migrations of every configured stage, newest first")
  public List<MigrationSummary> list(
      @Parameter(
              description = "at most this many",
              schema =
                  @Schema(type = "integer", minimum = "1", maximum = "500", defaultValue = "50"))
          @QueryParam("limit")
          String limit,
      @Parameter(
              description = "skip this many of the newest first",
              schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
          @QueryParam("offset")
          String offset) {
    return migrations.list(
        QueryParams.integer("limit", limit, 50, 1, 500),
        QueryParams.integer("offset", offset, 0, 0, 100_000));
  }

  @GET
  @Path("/{id}")
  @Timed
  @Operation(
      operationId = "getMigration",
      summary =
          "A migration: status, phase, elapsed time, totals, apps with their entities, the log")
  public MigrationView get(@PathParam("id") @Size(max = MAX_ID_LENGTH) String id) {
    return migrations.get(id);
  }

  @GET
  @Path("/{id}/logs")
  @Timed
  @Operation(
      operationId = "migrationLogs",
      summary = "The migration's log lines numbered above 'after', and the number to ask from next")
  public MigrationLog logs(
      @PathParam("id") @Size(max = MAX_ID_LENGTH) String id,
      @Parameter(
              description = "the number of the last line already shown (0: all)",
              schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
          @QueryParam("after")
          String after) {
    return migrations.logs(id, QueryParams.integer("after", after, 0, 0, 1_000_000));
  }

  @GET
  @Path("/{id}/entities")
  @Timed
  @Operation(
      operationId = "migrationEntities",
      summary = "The migrated entities of every app with their row counts, status and detail")
  public MigrationEntities entities(@PathParam("id") @Size(max = MAX_ID_LENGTH) String id) {
    return migrations.entities(id);
  }

  @POST
  @Path("/{id}/cancel")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Timed
  @Operation(
      operationId = "cancelMigration",
      summary =
          "Cancels a running migration: its copied app data is removed, undeployed apps redeployed",
      responses = {
        @ApiResponse(responseCode = "202", description = "the workflow was told to cancel"),
        @ApiResponse(responseCode = "409", description = "the migration is not running")
      })
  public Response cancel(
      @PathParam("id") @Size(max = MAX_ID_LENGTH) String id,
      @Valid CancelMigration body,
      @Context SecurityContext security) {
    String reason =
        body != null && body.reason() != null && !body.reason().isBlank()
            ? body.reason().strip()
            : "cancelled through the API" + by(security.getUserPrincipal());
    CancelAccepted accepted = starter.cancel(id, reason);
    return Response.accepted(accepted).build();
  }

  @POST
  @Path("/{id}/pause")
  @RolesAllowed(Roles.OPERATOR)
  @Timed
  @Operation(
      operationId = "pauseMigration",
      summary =
          "Pauses a running migration: running copies commit their batch and hand their range"
              + " back, no new work starts; in preparation or end users at the phase's end",
      responses = {
        @ApiResponse(responseCode = "202", description = "the workflow was told to pause"),
        @ApiResponse(
            responseCode = "409",
            description = "the migration is not running, or already paused")
      })
  public Response pause(
      @PathParam("id") @Size(max = MAX_ID_LENGTH) String id,
      @Valid PauseMigration body,
      @Context SecurityContext security) {
    String reason = body == null || body.reason() == null ? null : body.reason().strip();
    return Response.accepted(controls.pause(id, who(security), reason)).build();
  }

  @POST
  @Path("/{id}/resume")
  @RolesAllowed(Roles.OPERATOR)
  @Timed
  @Operation(
      operationId = "resumeMigration",
      summary = "Resumes a paused migration: the copy goes on from its checkpoints",
      responses = {
        @ApiResponse(responseCode = "202", description = "the workflow was told to resume"),
        @ApiResponse(responseCode = "409", description = "the migration is not paused")
      })
  public Response resume(
      @PathParam("id") @Size(max = MAX_ID_LENGTH) String id, @Context SecurityContext security) {
    return Response.accepted(controls.resume(id, who(security))).build();
  }

  @PUT
  @Path("/{id}/limits")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Timed
  @Operation(
      operationId = "setMigrationLimits",
      summary =
          "Changes the limits of a running migration (parallelApps, parallelEntities,"
              + " maxRowsPerSecond; each optional); new work uses them within seconds",
      responses = {
        @ApiResponse(responseCode = "200", description = "the limits now in force"),
        @ApiResponse(responseCode = "409", description = "the migration is not running"),
        @ApiResponse(responseCode = "422", description = "a value out of range, named"),
        @ApiResponse(responseCode = "503", description = "no worker answers")
      })
  public ControlAccepted limits(
      @PathParam("id") @Size(max = MAX_ID_LENGTH) String id, @NotNull @Valid ChangeLimits body) {
    return controls.limits(id, body.limits());
  }

  private static String who(SecurityContext security) {
    Principal user = security.getUserPrincipal();
    return user == null ? "an API user" : user.getName();
  }

  private static String by(Principal user) {
    return user == null ? "" : " by " + user.getName();
  }
}
