package org.odcmigrate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The REST API as {@code demo} and {@code migrate} call it: JSON over HTTP with an optional bearer
 * token; an answer other than 2xx becomes an {@link ApiProblem} carrying the problem's detail.
 */
final class ApiClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** The API answered with an error; {@code detail} says what to fix. */
  static final class ApiProblem extends Exception {

    private final int status;

    ApiProblem(int status, String detail) {
      super(detail);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  private final URI api;
  private final String token;
  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A client of the API at {@code api}; {@code token} is null or empty for an API without auth. */
  ApiClient(URI api, String token, ObjectMapper json) {
    this.api = api;
    this.token = token == null || token.isBlank() ? null : token.strip();
    this.json = json;
  }

  URI api() {
    return api;
  }

  /**
   * Starts a migration; {@code incremental} copies only what changed since the last one, {@code
   * startAt} null starts it at once.
   */
  JsonNode start(
      String environment,
      String stage,
      boolean stopEnvironment,
      boolean undeployApps,
      boolean incremental,
      String startAt)
      throws IOException, InterruptedException, ApiProblem {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sourceEnvironment", environment);
    body.put("targetStage", stage);
    body.put("stopEnvironment", stopEnvironment);
    body.put("undeployApps", undeployApps);
    if (incremental) {
      body.put("incremental", true);
    }
    if (startAt != null) {
      body.put("startAt", startAt);
    }
    return send(post("/api/migrations", body));
  }

  JsonNode pause(String id, String reason) throws IOException, InterruptedException, ApiProblem {
    Map<String, Object> body = new LinkedHashMap<>();
    if (reason != null) {
      body.put("reason", reason);
    }
    return send(post("/api/migrations/" + segment(id) + "/pause", body));
  }

  JsonNode resume(String id) throws IOException, InterruptedException, ApiProblem {
    return send(post("/api/migrations/" + segment(id) + "/resume", Map.of()));
  }

  /** Sets the given limits (absent keys stay); returns the answer with the limits in force. */
  JsonNode limits(String id, Map<String, Integer> limits)
      throws IOException, InterruptedException, ApiProblem {
    return send(
        request("/api/migrations/" + segment(id) + "/limits")
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(limits))));
  }

  JsonNode migrations(int limit) throws IOException, InterruptedException, ApiProblem {
    return send(get("/api/migrations?limit=" + limit));
  }

  JsonNode migration(String id) throws IOException, InterruptedException, ApiProblem {
    return send(get("/api/migrations/" + segment(id)));
  }

  JsonNode logs(String id, int after) throws IOException, InterruptedException, ApiProblem {
    return send(get("/api/migrations/" + segment(id) + "/logs?after=" + after));
  }

  JsonNode entities(String id) throws IOException, InterruptedException, ApiProblem {
    return send(get("/api/migrations/" + segment(id) + "/entities"));
  }

  JsonNode cancel(String id, String reason) throws IOException, InterruptedException, ApiProblem {
    Map<String, Object> body = new LinkedHashMap<>();
    if (reason != null) {
      body.put("reason", reason);
    }
    return send(post("/api/migrations/" + segment(id) + "/cancel", body));
  }

  private HttpRequest.Builder get(String path) {
    return request(path).GET();
  }

  private HttpRequest.Builder post(String path, Map<String, ?> body) throws IOException {
    return request(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api.resolve(path))
            .timeout(TIMEOUT)
            .header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private JsonNode send(HttpRequest.Builder request)
      throws IOException, InterruptedException, ApiProblem {
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body;
    try {
      body = response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
    } catch (IOException e) {
      throw new ApiProblem(
          response.statusCode(),
          "the API answered " + response.statusCode() + " with a body that is not JSON");
    }
    if (response.statusCode() / 100 != 2) {
      String detail = body.path("detail").asText("");
      throw new ApiProblem(
          response.statusCode(),
          detail.isEmpty() ? "the API answered " + response.statusCode() : detail);
    }
    return body;
  }

  /** A migration id as one path segment, whatever a user typed. */
  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
