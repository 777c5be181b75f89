package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;

/** HTTP calls to a running application, for tests: JSON in, JSON out, problems checked. */
final class ApiHttp {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String START_SAMPLE =
      "{\"sourceEnvironment\":\"O11-Sample\",\"targetStage\":\"Development\",\"stopEnvironment\":false,\"undeployApps\":false}";
  private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "CANCELLED");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String token;

  ApiHttp(int port, String token) {
    this.base = URI.create("http://localhost:" + port);
    this.token = token;
  }

  ApiHttp withToken(String other) {
    return new ApiHttp(base.getPort(), other);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> put(String path, String body) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  /** The JSON body of a 2xx answer of the expected status. */
  JsonNode ok(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  /** The problem document of an error answer, checked against RFC 7807's shape. */
  static JsonNode problem(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("type").asText()).startsWith("/problems/");
    assertThat(problem.path("title").asText()).isNotEmpty();
    assertThat(problem.path("detail").asText()).isNotEmpty();
    return problem;
  }

  String start() throws IOException, InterruptedException {
    return ok(post("/api/migrations", START_SAMPLE), 202).path("id").asText();
  }

  JsonNode migration(String id) throws IOException, InterruptedException {
    return ok(get("/api/migrations/" + id), 200);
  }

  JsonNode await(String id, Predicate<JsonNode> condition, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      JsonNode view = migration(id);
      if (condition.test(view)) {
        return view;
      }
      assertThat(System.nanoTime())
          .as("migration %s never %s: %s", id, what, view)
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /** The migration's log once it holds a line: the first comes with the workflow's first task. */
  JsonNode awaitLogs(String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      JsonNode logs = ok(get("/api/migrations/" + id + "/logs"), 200);
      if (!logs.path("lines").isEmpty()) {
        return logs;
      }
      assertThat(System.nanoTime()).as("migration %s never logged", id).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  JsonNode awaitEnd(String id) throws Exception {
    return await(id, v -> FINAL.contains(v.path("status").asText()), "ended");
  }
}
