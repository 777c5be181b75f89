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
import org.odcmigrate.api.core.MigrationEntities;
import org.odcmigrate.api.core.MigrationFinder;
import org.odcmigrate.api.core.MigrationLog;
import org.odcmigrate.api.core.MigrationStarter;
import org.odcmigrate.api.core.MigrationSummary;
import org.odcmigrate.api.core.MigrationView;
import org.odcmigrate.api.core.StartMigration;

/** {@code /api/migrations}: start a data migration, follow it, cancel it, list them all. */
@Path("/api/migrations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
@Tag(name = "migrations")
public class MigrationResource {

  static final int MAX_ID_LENGTH = 100;

  private final MigrationStarter starter;
  private final MigrationFinder migrations;

  public MigrationResource(MigrationStarter starter, MigrationFinder migrations) {
    this.starter = starter;
    this.migrations = migrations;
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
            description = "unknown environment or stage, or invalid values")
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

  private static String by(Principal user) {
    return user == null ? "" : " by " + user.getName();
  }
}
