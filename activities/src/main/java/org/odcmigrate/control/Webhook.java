package org.odcmigrate.control;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odcmigrate.config.ControlConfig;
import org.odcmigrate.odc.StageJson;

/**
 * Control through the user's own automation: a JSON POST such as {@code
 * {"action":"stop","environment":"O11-Production"}} or {@code
 * {"action":"undeploy","stage":"Production","apps":["Orders"]}}. A 2xx answer is success, a 4xx a
 * refusal the user must look at, anything else is retried.
 */
final class Webhook implements EnvironmentControl, StageControl {

  private final HttpClient http;
  private final ControlConfig config;

  Webhook(ControlConfig config) {
    this.config = config;
    this.http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(config.timeoutSeconds())).build();
  }

  @Override
  public void stop(String environment) throws IOException, InterruptedException {
    post(body("action", "stop", "environment", environment));
  }

  @Override
  public void start(String environment) throws IOException, InterruptedException {
    post(body("action", "start", "environment", environment));
  }

  @Override
  public void undeploy(String stage, List<StageApp> apps) throws IOException, InterruptedException {
    post(
        body(
            "action",
            "undeploy",
            "stage",
            stage,
            "apps",
            apps.stream().map(StageApp::name).toList()));
  }

  @Override
  public void redeploy(String stage, List<StageApp> apps) throws IOException, InterruptedException {
    post(
        body(
            "action",
            "redeploy",
            "stage",
            stage,
            "apps",
            apps.stream().map(StageApp::name).toList()));
  }

  private void post(Map<String, Object> body) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(config.url()))
            .timeout(Duration.ofSeconds(config.timeoutSeconds()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(StageJson.write(body)));
    if (config.authorization() != null && !config.authorization().isBlank()) {
      request.header("Authorization", config.authorization());
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    int status = response.statusCode();
    // 408 and 429 ask to come back later: retried like a server error.
    if (status >= 400 && status < 500 && status != 408 && status != 429) {
      throw new IllegalArgumentException(
          "the control webhook "
              + config.url()
              + " refused '"
              + body.get("action")
              + "' with HTTP "
              + status
              + ": "
              + abbreviate(response.body()));
    }
    if (status < 200 || status >= 300) {
      throw new IOException(
          "the control webhook "
              + config.url()
              + " answered HTTP "
              + status
              + " to '"
              + body.get("action")
              + "': "
              + abbreviate(response.body()));
    }
  }

  /**
   * The JSON body, keys in the order given: {@code action} first reads best in the receiver's logs.
   */
  private static Map<String, Object> body(Object... keysAndValues) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      body.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return body;
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
