package org.odcmigrate.api.resources;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.odcmigrate.api.core.MigrationService;
import org.odcmigrate.api.core.MigrationView;
import org.odcmigrate.api.core.StartMigration;

/** {@code /api/migrations}: start a data migration and follow it. */
@Path("/api/migrations")
@Produces(MediaType.APPLICATION_JSON)
public class MigrationResource {

  private final MigrationService migrations;

  public MigrationResource(MigrationService migrations) {
    this.migrations = migrations;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response start(@NotNull @Valid StartMigration body) {
    MigrationView started = migrations.start(body);
    return Response.accepted(started)
        .location(UriBuilder.fromResource(MigrationResource.class).path(started.id()).build())
        .build();
  }

  @GET
  @Path("/{id}")
  public MigrationView get(@PathParam("id") String id) {
    return migrations.get(id);
  }
}
