package org.odcmigrate.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link OpenApiResource}: the document describes every endpoint of the resource classes, in JSON
 * and YAML, and declares bearer auth only when auth is on.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenApiResourceTest {

  private static final Set<Class<?>> RESOURCES =
      Set.of(EnvironmentResource.class, StageResource.class, MigrationResource.class);

  static final ResourceExtension OPEN =
      MigrationResourceTest.resources(OpenApiResource.describing(RESOURCES, false));
  static final ResourceExtension SECURED =
      MigrationResourceTest.resources(OpenApiResource.describing(RESOURCES, true));

  @Test
  void theDocumentDescribesEveryEndpointWithAnOperationIdEach() {
    JsonNode document = json(OPEN);
    assertThat(document.path("openapi").asText()).startsWith("3.");
    assertThat(document.path("paths").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "/api/environments",
            "/api/environments/{name}/users/validation",
            "/api/environments/{name}/start",
            "/api/environments/{name}/check",
            "/api/stages",
            "/api/stages/{stage}/apps",
            "/api/migrations",
            "/api/migrations/{id}",
            "/api/migrations/{id}/logs",
            "/api/migrations/{id}/entities",
            "/api/migrations/{id}/cancel",
            "/api/migrations/{id}/pause",
            "/api/migrations/{id}/resume",
            "/api/migrations/{id}/limits");
    List<String> operationIds = new ArrayList<>();
    document
        .path("paths")
        .forEach(path -> path.forEach(op -> operationIds.add(op.path("operationId").asText())));
    assertThat(operationIds).doesNotContain("").doesNotHaveDuplicates();
    assertThat(document.at("/paths/~1api~1stages~1{stage}~1apps/get/operationId").asText())
        .isEqualTo("stageApps");
    assertThat(document.path("components").path("schemas").has("StartMigration")).isTrue();
  }

  @Test
  void theYamlDocumentDescribesTheSameEndpoints() {
    Response yaml = OPEN.target("/api/openapi.yaml").request().get();
    assertThat(yaml.getStatus()).isEqualTo(200);
    assertThat(yaml.getMediaType().toString()).startsWith("application/yaml");
    String body = yaml.readEntity(String.class);
    json(OPEN).path("paths").fieldNames().forEachRemaining(path -> assertThat(body).contains(path));
  }

  @Test
  void withAuthOnEveryOperationNeedsABearerToken() {
    JsonNode document = json(SECURED);
    assertThat(document.at("/components/securitySchemes/bearer/scheme").asText())
        .isEqualTo("bearer");
    assertThat(document.path("security").get(0).has("bearer")).isTrue();
  }

  @Test
  void withAuthOffNoTokenIsAsked() {
    assertThat(json(OPEN).has("security")).isFalse();
  }

  private static JsonNode json(ResourceExtension resources) {
    Response response = resources.target("/api/openapi.json").request().get();
    assertThat(response.getStatus()).isEqualTo(200);
    return response.readEntity(JsonNode.class);
  }
}
