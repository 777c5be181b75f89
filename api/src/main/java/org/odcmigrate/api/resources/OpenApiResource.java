package org.odcmigrate.api.resources;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

/**
 * {@code /api/openapi.json} and {@code .yaml}: the API described from its resource classes, so it
 * cannot drift from the code. Open to everybody, like any published API description.
 */
@Path("/api")
@Hidden
public class OpenApiResource {

  static final String BEARER = "bearer";

  private final String json;
  private final String yaml;

  private OpenApiResource(String json, String yaml) {
    this.json = json;
    this.yaml = yaml;
  }

  /** Describes these resource classes; with auth on, every operation needs a bearer token. */
  public static OpenApiResource describing(Set<Class<?>> resources, boolean authEnabled) {
    OpenAPI base =
        new OpenAPI()
            .info(
                new Info()
                    .title("odc-migrate")
                    .version("1")
                    .description(
                        "Migrates the data and end users of OutSystems 11 apps into ODC stages. Errors are RFC 7807"
                            + " problem documents (application/problem+json).")
                    .license(new License().name("Apache-2.0")))
            .components(
                new Components()
                    .addSecuritySchemes(
                        BEARER,
                        new SecurityScheme()
                            .type(SecurityScheme.Type.HTTP)
                            .scheme("bearer")
                            .description(
                                "a token of auth.tokens; role viewer reads, role operator also starts, pauses, resumes, limits and cancels")));
    if (authEnabled) {
      base.addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
    OpenAPI document =
        new Reader(new SwaggerConfiguration().openAPI(base).prettyPrint(true)).read(resources);
    try {
      return new OpenApiResource(
          Json.pretty().writeValueAsString(document), Yaml.pretty().writeValueAsString(document));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the OpenAPI document cannot be written", e);
    }
  }

  @GET
  @Path("/openapi.json")
  @Produces(MediaType.APPLICATION_JSON)
  public String json() {
    return json;
  }

  @GET
  @Path("/openapi.yaml")
  @Produces("application/yaml")
  public String yaml() {
    return yaml;
  }
}
