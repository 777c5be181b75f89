package org.odcmigrate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Drives one migration through the REST API and prints what the portal would show. */
final class DemoClient {

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration GIVE_UP = Duration.ofMinutes(30);

  private final URI api;
  private final ObjectMapper json;
  private final PrintStream out;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  DemoClient(URI api, ObjectMapper json, PrintStream out) {
    this.api = api;
    this.json = json;
    this.out = out;
  }

  /** Returns the process exit status: 0 only when the migration completed. */
  int migrate(String environment, String stage) {
    try {
      out.printf("%nStarting a data migration from O11 environment %s to ODC stage %s"
          + " (environment kept running, apps kept deployed)%n", environment, stage);
      String body = json.writeValueAsString(Map.of(
          "sourceEnvironment", environment, "targetStage", stage, "stopEnvironment", false, "undeployApps", false));
      HttpResponse<String> started = http.send(HttpRequest.newBuilder(api.resolve("/api/migrations"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (started.statusCode() != 202) {
        out.println("The API refused the migration (" + started.statusCode() + "): " + started.body());
        return 1;
      }
      String id = json.readTree(started.body()).path("id").asText();
      out.println("Migration " + id + " accepted");
      JsonNode view = follow(id);
      printEntities(view);
      String status = view.path("status").asText();
      out.printf("%nMigration %s %s in %d s: %d of %d entities, %d rows%n", id, status.toLowerCase(),
          view.path("elapsedSeconds").asLong(), view.path("entitiesMigrated").asInt(), view.path("entitiesTotal").asInt(),
          view.path("rowsWritten").asLong());
      if (!"COMPLETED".equals(status)) {
        out.println("Error: " + view.path("error").asText());
        return 1;
      }
      return 0;
    } catch (IOException | RuntimeException e) {
      out.println("The demo failed: " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private JsonNode follow(String id) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + GIVE_UP.toNanos();
    int logLinesShown = 0;
    String lastStatus = "";
    while (true) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve("/api/migrations/" + id)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode view = json.readTree(response.body());
      if (response.statusCode() == 200) {
        JsonNode log = view.path("log");
        for (int i = logLinesShown; i < log.size(); i++) {
          out.printf("  %s %-5s %s%n", log.get(i).path("time").asText(), log.get(i).path("level").asText(),
              log.get(i).path("message").asText());
        }
        logLinesShown = Math.max(logLinesShown, log.size());
        String status = String.format("[%4d s] %-11s entities %d/%d, rows %d", view.path("elapsedSeconds").asLong(),
            view.path("phase").asText(), view.path("entitiesMigrated").asInt(), view.path("entitiesTotal").asInt(),
            view.path("rowsWritten").asLong());
        if (!status.equals(lastStatus)) {
          out.println(status);
          lastStatus = status;
        }
        String state = view.path("status").asText();
        if (state.equals("COMPLETED") || state.equals("FAILED") || state.equals("CANCELLED")) {
          return view;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("migration " + id + " did not finish within " + GIVE_UP.toMinutes() + " minutes");
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private void printEntities(JsonNode view) {
    out.printf("%n%-12s %-16s %-10s %12s %12s %10s%n", "App", "Entity", "Status", "O11 rows", "ODC rows", "Nulled refs");
    for (JsonNode app : view.path("apps")) {
      for (JsonNode entity : app.path("entities")) {
        out.printf("%-12s %-16s %-10s %12d %12d %10d%n", app.path("appName").asText(),
            entity.path("entity").path("entityName").asText(), entity.path("status").asText(),
            entity.path("sourceRows").asLong(), entity.path("rowsWritten").asLong(), entity.path("nulledReferences").asLong());
      }
    }
  }
}
