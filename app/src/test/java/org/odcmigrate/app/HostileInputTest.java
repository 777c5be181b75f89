package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.DropwizardTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.odcmigrate.api.auth.AuthConfig;
import org.odcmigrate.api.auth.TokenConfig;

/**
 * A few hundred malformed and hostile requests against the running application, sent with an
 * operator token so they get past authentication to the code that must refuse them: every one
 * answers 4xx problem JSON (never 5xx, never HTML), and a normal request still works afterwards.
 *
 * <p>A behaviour test over HTTP, spanning every resource and ProblemMappers; named for that
 * behaviour.
 */
class HostileInputTest {

  private static final String TOKEN = "hostile-test-operator-token";
  private static DropwizardTestSupport<OdcMigrateConfiguration> app;

  @BeforeAll
  static void startDev() throws Exception {
    OdcMigrateConfiguration config = TestDevConfiguration.create(10);
    config.setAuth(new AuthConfig(true, List.of(new TokenConfig("hostile", "operator", TOKEN))));
    app = new DropwizardTestSupport<>(OdcMigrateApplication.class, config, DevCommand::new);
    app.before();
  }

  @AfterAll
  static void stopDev() {
    if (app != null) {
      app.after();
    }
  }

  /** A request to send and why it is hostile. */
  private record Hostile(String why, byte[] request) {}

  private static final List<String> NAMES =
      List.of(
          "../",
          "..%2F..%2Fetc%2Fpasswd",
          "%2e%2e%2f",
          "%00",
          "a%00b",
          "' OR 1=1 --",
          "'; DROP TABLE odc_catalog.app; --",
          "\" OR \"\"=\"",
          "%27%20OR%201%3D1%20--",
          "${jndi:ldap://x/a}",
          "<script>alert(1)</script>",
          "Développement",
          "\u2603\u2764\uD83D\uDE00",
          "%F0%9F%98%80",
          "%C0%AE%C0%AE%2F",
          "%zz",
          "%",
          "a%2Fb",
          "x".repeat(300),
          "x".repeat(5000),
          "NUL\u0000byte",
          "line\r\nbreak",
          "tab\there",
          "back\\slash",
          "semi;colon",
          "per%25cent",
          " ",
          "null",
          "Development\u0000",
          "O11-Sample'--");

  private static final List<String> BODIES =
      List.of(
          "",
          "{",
          "}",
          "{\"sourceEnvironment\":",
          "{\"sourceEnvironment\":\"O11-Sample\"",
          "nul",
          "null",
          "[]",
          "[{}]",
          "\"x\"",
          "42",
          "1e999999",
          "true",
          "{}",
          "{\"\":\"\"}",
          "{\"sourceEnvironment\":null,\"targetStage\":null,"
              + "\"stopEnvironment\":null,\"undeployApps\":null}",
          "{\"sourceEnvironment\":[],\"targetStage\":{},\"stopEnvironment\":\"true\",\"undeployApps\":0}",
          "{\"sourceEnvironment\":\"O11-Sample\",\"targetStage\":\"Development\",\"stopEnvironment\":false,"
              + "\"undeployApps\":false,\"sourceEnvironment\":\"O11-Sample\"}",
          "{\"sourceEnvironment\":\"O11-Sample\",\"targetStage\":\"Development\",\"stopEnvironment\":false,"
              + "\"undeployApps\":false,\"options\":{\"batchSize\":1}}",
          "{\"sourceEnvironment\":\"O11-Sample\",\"targetStage\":\"Development\",\"stopEnvironment\":\"false\","
              + "\"undeployApps\":false}",
          "{\"sourceEnvironment\":\"O11-Sample\",\"targetStage\":\"Development\",\"stopEnvironment\":1,\"undeployApps\":0}",
          "{\"sourceEnvironment\":1,\"targetStage\":2,\"stopEnvironment\":false,\"undeployApps\":false}",
          "{'sourceEnvironment':'O11-Sample'}",
          "{sourceEnvironment:\"O11-Sample\"}",
          "/* comment */ {}",
          "{\"reason\":\"" + "r".repeat(1000) + "\"}",
          "{\"reason\":42}",
          "{\"reason\":\"ok\",\"force\":true}",
          "[".repeat(10_000) + "]".repeat(10_000),
          "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
          "{\"sourceEnvironment\":\"" + "\\u0000".repeat(100) + "\"}",
          "{\"sourceEnvironment\":\"\uD800\"}",
          "\uFEFF{\"sourceEnvironment\":\"O11-Sample\"}");

  private static List<Hostile> requests() {
    List<Hostile> all = new ArrayList<>();
    Map<String, String> json = headers("Content-Type", "application/json");
    for (String name : NAMES) {
      String raw =
          name.replace("\r\n", "%0D%0A")
              .replace(" ", "%20")
              .replace("\t", "%09")
              .replace("\u0000", "%00")
              .replace("\\", "%5C")
              .replace("\"", "%22")
              .replace("<", "%3C")
              .replace(">", "%3E")
              .replace("{", "%7B")
              .replace("}", "%7D")
              .replace("'", "%27");
      raw = new String(raw.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
      for (String path :
          List.of(
              "/api/migrations/" + raw,
              "/api/migrations/" + raw + "/logs",
              "/api/migrations/" + raw + "/entities",
              "/api/stages/" + raw + "/apps",
              "/api/stages/Development/apps?source=" + raw,
              "/api/migrations?limit=" + raw)) {
        all.add(new Hostile("GET " + path, RawHttp.request("GET", path, headers(), null)));
      }
      all.add(
          new Hostile(
              "cancel " + raw,
              RawHttp.request(
                  "POST",
                  "/api/migrations/" + raw + "/cancel",
                  json,
                  "{}".getBytes(StandardCharsets.UTF_8))));
      String escaped =
          name.replace("\\", "\\\\")
              .replace("\"", "\\\"")
              .replace("\r", "\\r")
              .replace("\n", "\\n")
              .replace("\t", "\\t")
              .replace("\u0000", "\\u0000");
      all.add(
          new Hostile(
              "start from " + name,
              RawHttp.request(
                  "POST",
                  "/api/migrations",
                  json,
                  ("{\"sourceEnvironment\":\""
                          + escaped
                          + "\",\"targetStage\":\"Development\",\"stopEnvironment\":false,\"undeployApps\":false}")
                      .getBytes(StandardCharsets.UTF_8))));
      all.add(
          new Hostile(
              "start into " + name,
              RawHttp.request(
                  "POST",
                  "/api/migrations",
                  json,
                  ("{\"sourceEnvironment\":"
                          + "\"O11-Sample\",\"targetStage\":\""
                          + escaped
                          + "\",\"stopEnvironment\":false,\"undeployApps\":false}")
                      .getBytes(StandardCharsets.UTF_8))));
    }
    for (String body : BODIES) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      all.add(
          new Hostile(
              "start with " + abbreviate(body),
              RawHttp.request("POST", "/api/migrations", json, bytes)));
      all.add(
          new Hostile(
              "cancel with " + abbreviate(body),
              RawHttp.request("POST", "/api/migrations/x/cancel", json, bytes)));
    }
    byte[] start = ApiHttp.START_SAMPLE.getBytes(StandardCharsets.UTF_8);
    for (String type :
        List.of(
            "text/plain",
            "application/xml",
            "text/html",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded",
            "application/octet-stream",
            "application/json; charset=ebcdic",
            "*/*",
            "application/problem+json",
            "not a media type",
            ";;;")) {
      all.add(
          new Hostile(
              "content type " + type,
              RawHttp.request("POST", "/api/migrations", headers("Content-Type", type), start)));
    }
    all.add(
        new Hostile(
            "no content type", RawHttp.request("POST", "/api/migrations", headers(), start)));
    for (String method : List.of("PUT", "DELETE", "PATCH", "TRACE", "PROPFIND", "FOO")) {
      for (String path :
          List.of(
              "/api/migrations",
              "/api/migrations/x",
              "/api/stages",
              "/api/environments",
              "/api/migrations/x/cancel",
              "/api/openapi.json",
              "/",
              "/ui/main.js")) {
        all.add(new Hostile(method + " " + path, RawHttp.request(method, path, json, start)));
      }
    }
    for (String path :
        List.of(
            "/api/environments", "/api/stages", "/api/migrations/x/logs", "/api/migrations/x")) {
      all.add(new Hostile("POST " + path, RawHttp.request("POST", path, json, start)));
    }
    all.add(
        new Hostile(
            "GET cancel", RawHttp.request("GET", "/api/migrations/x/cancel", headers(), null)));
    all.add(new Hostile("POST the page", RawHttp.request("POST", "/", json, start)));
    all.add(
        new Hostile(
            "accept html",
            RawHttp.request("GET", "/api/stages", headers("Accept", "text/html"), null)));
    all.add(
        new Hostile(
            "accept xml unknown path",
            RawHttp.request("GET", "/nowhere", headers("Accept", "application/xml"), null)));
    // "/" is the web page; its files are under /ui/, and nothing else of the classpath is.
    for (String path :
        List.of(
            "/index.html",
            "/api",
            "/api/",
            "/api/../../etc/passwd",
            "/api/%2e%2e/%2e%2e/etc/passwd",
            "/ui",
            "/ui/",
            "/ui/missing.js",
            "/ui/../dev.yml",
            "/ui/%2e%2e/dev.yml",
            "/ui/..%2Fdev.yml",
            "/ui/main.js%00",
            "/ui/%2e%2e/%2e%2e/odc-migrate-web/index.html",
            "/ui/../../org/odcmigrate/app/DevCommand.class",
            "/odc-migrate-web/index.html",
            "/dev.yml",
            "/ui/" + "c".repeat(10_000),
            "/api//migrations//x",
            "/WEB-INF/web.xml",
            "/api/migrations/x/../../../admin",
            "/api/stages/Development/apps/../../../../dev.yml",
            "/%2F%2F",
            "/api/migrations/x?after=-1&after=2",
            "/api/migrations/x/logs?after=abc",
            "/api/migrations/x/logs?after=99999999999",
            "/api/migrations?offset=1e3",
            "/api/migrations?limit=-5",
            "/api/migrations?limit=500000",
            "/api/migrations?limit=%00",
            "/" + "a".repeat(10_000),
            "/api/migrations/" + "b".repeat(20_000))) {
      all.add(
          new Hostile("GET " + abbreviate(path), RawHttp.request("GET", path, headers(), null)));
    }
    all.add(
        new Hostile(
            "huge declared body",
            RawHttp.request(
                "POST",
                "/api/migrations",
                headers("Content-Type", "application/json", "Content-Length", "10000000000"),
                new byte[0])));
    all.add(
        new Hostile(
            "huge body",
            RawHttp.request(
                "POST",
                "/api/migrations",
                json,
                ("{\"sourceEnvironment\":\"" + "x".repeat(2_000_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8))));
    all.add(
        new Hostile(
            "huge chunked body",
            chunked("{\"sourceEnvironment\":\"" + "y".repeat(300_000) + "\"}")));
    all.add(
        new Hostile(
            "bad content length",
            RawHttp.request(
                "POST",
                "/api/migrations",
                headers("Content-Type", "application/json", "Content-Length", "abc"),
                start)));
    all.add(
        new Hostile(
            "negative content length",
            RawHttp.request(
                "POST",
                "/api/migrations",
                headers("Content-Type", "application/json", "Content-Length", "-1"),
                start)));
    all.add(
        new Hostile(
            "huge header",
            RawHttp.request("GET", "/api/stages", headers("X-Filler", "z".repeat(20_000)), null)));
    all.add(
        new Hostile(
            "invalid utf-8 body",
            RawHttp.request(
                "POST",
                "/api/migrations",
                json,
                new byte[] {'{', '"', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'})));
    all.add(
        new Hostile(
            "wrong token",
            RawHttp.request("GET", "/api/stages", headers("Authorization", "Bearer nope"), null)));
    Map<String, String> cookie = headers("Cookie", "token=" + TOKEN);
    cookie.remove("Authorization");
    all.add(new Hostile("token in a cookie", RawHttp.request("GET", "/api/stages", cookie, null)));
    Map<String, String> query = headers();
    query.remove("Authorization");
    all.add(
        new Hostile(
            "token in the query",
            RawHttp.request("GET", "/api/stages?access_token=" + TOKEN, query, null)));
    all.add(
        new Hostile(
            "token in the query too",
            RawHttp.request("GET", "/api/stages?access_token=" + TOKEN, headers(), null)));
    all.add(
        new Hostile("bad request line", "GARBAGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
    all.add(
        new Hostile(
            "no host header",
            "GET /api/stages HTTP/1.1\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1)));
    return all;
  }

  private static Map<String, String> headers(String... pairs) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + TOKEN);
    for (int i = 0; i < pairs.length; i += 2) {
      headers.put(pairs[i], pairs[i + 1]);
    }
    return headers;
  }

  private static byte[] chunked(String body) {
    StringBuilder request =
        new StringBuilder(
            "POST /api/migrations HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: Bearer "
                + TOKEN
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (int at = 0; at < body.length(); at += 8192) {
      String chunk = body.substring(at, Math.min(body.length(), at + 8192));
      request
          .append(Integer.toHexString(chunk.length()))
          .append("\r\n")
          .append(chunk)
          .append("\r\n");
    }
    return request.append("0\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String abbreviate(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }

  @Test
  void everyHostileRequestIsRefusedWithProblemJsonAndTheServerStillServes() throws Exception {
    List<Hostile> requests = requests();
    assertThat(requests.size()).isGreaterThan(300);
    List<String> wrong = new ArrayList<>();
    for (Hostile hostile : requests) {
      RawHttp.Answer answer = RawHttp.send(app.getLocalPort(), hostile.request());
      String type = answer.headers().getOrDefault("content-type", "");
      boolean problem = false;
      if (type.startsWith("application/problem+json")) {
        JsonNode body = ApiHttp.JSON.readTree(answer.body());
        problem =
            body.path("status").asInt() == answer.status()
                && !body.path("detail").asText().isEmpty();
      }
      if (answer.status() < 400 || answer.status() > 499 || !problem) {
        wrong.add(
            hostile.why()
                + " -> "
                + answer.status()
                + " "
                + type
                + " "
                + abbreviate(answer.body()));
      }
    }
    assertThat(wrong).as("requests not answered with 4xx problem JSON").isEmpty();

    RawHttp.Answer normal =
        RawHttp.send(app.getLocalPort(), RawHttp.request("GET", "/api/stages", headers(), null));
    assertThat(normal.status()).isEqualTo(200);
    assertThat(ApiHttp.JSON.readTree(normal.body()).get(0).path("name").asText())
        .isEqualTo("Development");
    RawHttp.Answer list =
        RawHttp.send(
            app.getLocalPort(), RawHttp.request("GET", "/api/migrations", headers(), null));
    assertThat(list.status()).isEqualTo(200);
    assertThat(ApiHttp.JSON.readTree(list.body()))
        .as("no hostile request started a migration")
        .isEmpty();
    RawHttp.Answer page =
        RawHttp.send(app.getLocalPort(), RawHttp.request("GET", "/", headers(), null));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.headers().get("content-type")).startsWith("text/html");
  }
}
