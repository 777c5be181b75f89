package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcmigrate.api.auth.AuthConfig;
import org.odcmigrate.api.auth.TokenConfig;
import org.odcmigrate.config.EnvironmentConfig;
import org.odcmigrate.config.StageConfig;
import org.odcmigrate.o11.O11Attribute;
import org.odcmigrate.o11.O11Entity;
import org.odcmigrate.o11.O11Metadata;
import org.odcmigrate.o11.O11Module;
import org.odcmigrate.o11.O11Type;
import org.odcmigrate.o11.SqlServerDialect;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The data migration web page in headless Chromium, against the running {@code dev} application
 * with auth on: the token prompt, the setup page's choices, warnings and blockers (an unpublished
 * app), the confirmation, the running view, the migrated entities checked against the source's
 * rows, a failure with what to fix, a viewer told which role it needs, a cancel, and a blocker the
 * check finds (a U+0000 in a text value) keeping Continue disabled. Every step is saved as a
 * screenshot under target/screenshots/web-page. The tests share one app and browser; each opens the
 * page with the token it needs and waits for the migrations it starts to end, so they run in any
 * order.
 */
@ExtendWith(Browser.Required.class)
class WebPageTest {

  private static final String OPERATOR_TOKEN = "web-page-operator-token-0123456789";
  private static final String VIEWER_TOKEN = "web-page-viewer-token-9876543210";
  private static final Duration MIGRATION = Duration.ofSeconds(90);

  private static DropwizardTestSupport<OdcMigrateConfiguration> app;
  private static OdcMigrateConfiguration config;
  private static Browser browser;
  private static String page;

  @BeforeAll
  static void startDevAndBrowser() throws Exception {
    config = TestDevConfiguration.create(100);
    config.setAuth(
        new AuthConfig(
            true,
            List.of(
                new TokenConfig("web-operator", "operator", OPERATOR_TOKEN),
                new TokenConfig("web-viewer", "viewer", VIEWER_TOKEN))));
    app = new DropwizardTestSupport<>(OdcMigrateApplication.class, config, DevCommand::new);
    app.before();
    page = "http://localhost:" + app.getLocalPort() + "/";
    browser = Browser.start(Path.of("target", "screenshots", "web-page"));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (app != null) {
        app.after();
      }
    }
  }

  @AfterEach
  void noScriptErrors() {
    if (browser != null) {
      browser.assertNoPageErrors();
    }
  }

  @Test
  void pageIsServedAtTheRootWithItsSecurityHeaders() throws Exception {
    ApiHttp http = new ApiHttp(app.getLocalPort(), null);
    HttpResponse<String> index = http.get("/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(index.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            csp ->
                assertThat(csp)
                    .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'"));
    assertThat(index.body())
        .contains("ui/main.js", "ui/app.css")
        .doesNotContain("http://", "https://");
    HttpResponse<String> script = http.get("/ui/main.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
    ApiHttp.problem(http.get("/ui/missing.js"), 404);
    ApiHttp.problem(http.get("/ui/"), 404);
    ApiHttp.problem(http.post("/", "{}"), 405);
    ApiHttp.problem(http.get("/api/nothing-here"), 404);
  }

  @Test
  void migrationThroughThePageFromTokenToMigratedEntities() throws Exception {
    openWithoutToken(page);
    browser.visible("#token-dialog");
    browser.showing("#token-message", "needs an access token");
    browser.screenshot("01-token-needed");
    enterToken("not-a-configured-token");
    browser.showing("#token-message", "did not accept this token");
    browser.screenshot("02-token-refused");
    enterToken(OPERATOR_TOKEN);
    browser.until(
        "the migrations listed with the token",
        d -> "false".equals(browser.find("#migration-list").getAttribute("aria-busy")));
    assertThat(browser.find("#migration-list").getText()).doesNotContain("cannot be listed");
    assertThat(browser.script("return sessionStorage.getItem('odc-migrate.token')"))
        .isEqualTo(OPERATOR_TOKEN);
    browser.screenshot("03-migrations");

    browser.find("#migrate-data").click();
    browser.showing("h1", "Migrate data");
    new Select(browser.find("#source-environment")).selectByVisibleText("O11-Sample");
    new Select(browser.find("#target-stage")).selectByVisibleText("Development");
    browser.showing("#users-check", "can be their ODC login");
    browser.showing("tr[data-app='Catalog']", "Ready");
    assertThat(browser.findAll("#apps tbody tr"))
        .extracting(WebElement::getText)
        .allSatisfy(row -> assertThat(row).contains("Published", "Ready"))
        .hasSize(3);
    // The check's findings: sizes and duration, and the sample's references to its deleted Country
    // record.
    browser.showing("#check-summary", "rows in 7 entities");
    browser.showing("#check-rewrites", "deleted static record");
    assertThat(browser.find("#check-rewrites").getText())
        .contains("Customers.Customer.CountryId", "NULL");
    // What was read, folded: every module's app, and each entity's rows as the source holds them.
    browser.find("#check-details > summary").click();
    WebElement customers = browser.visible("#check-entities tr[data-entity='Customers.Customer']");
    assertThat(customers.findElement(By.cssSelector("td.num")).getText().replaceAll("\\D", ""))
        .isEqualTo(String.valueOf(rowsOf("Customers", "Customer")));
    assertThat(browser.find("#check-modules tr[data-module='Orders']").getText())
        .contains("Orders (schema ");
    assertThat(browser.find("#check-found").getText()).contains("converted app(s) to copy");
    browser.screenshot("04-setup-check-details");
    WebElement continueButton = browser.find("#continue");
    assertThat(continueButton.isEnabled()).isFalse();
    assertThat(browser.find("#setup-blockers").getText())
        .contains(
            "stop the O11 environment or keep it running",
            "undeploy the stage's apps or keep them deployed");

    choose("stop-environment");
    browser.showing("#environment-warning", "Downtime in O11");
    assertThat(browser.find("#environment-warning").getText()).contains("stays stopped");
    choose("undeploy-apps");
    browser.showing("#apps-warning", "Downtime in ODC");
    browser.screenshot("04-setup-downtime-warnings");
    choose("keep-running");
    browser.showing("#environment-warning", "are not migrated");

    try (Connection connection = stageConnection();
        Statement stage = connection.createStatement()) {
      stage.execute("UPDATE odc_catalog.app SET status = 'UNPUBLISHED' WHERE name = 'Catalog'");
      try {
        browser.find("#refresh-apps").click();
        browser.showing("tr[data-app='Catalog']", "Not published");
        // The table is drawn again when the check's findings arrive: wait for the text, do not
        // hold on to an element.
        browser.showing(
            "tr[data-app='Catalog'] td.reason", "not published in the stage: publish it");
        browser.showing("#check-blockers", "app Catalog is not published in the stage");
        choose("keep-deployed");
        assertThat(browser.find("#continue").isEnabled())
            .as("an unpublished app blocks Continue")
            .isFalse();
        assertThat(browser.find("#setup-blockers").getText())
            .contains("App Catalog: not published in the stage: publish it")
            .doesNotContain("keep it running", "keep them deployed");
        browser.screenshot("05-setup-unpublished-app-blocks");
      } finally {
        // Published again whatever happened, so that the next tests find the stage as it was.
        stage.execute("UPDATE odc_catalog.app SET status = 'PUBLISHED' WHERE name = 'Catalog'");
      }
    }
    browser.find("#refresh-apps").click();
    browser.showing("tr[data-app='Catalog']", "Ready");
    browser.showing("#setup-blockers", "Ready: continue");
    assertThat(browser.find("#continue").isEnabled()).isTrue();
    browser.screenshot("06-setup-ready");

    browser.find("#continue").click();
    WebElement confirm = browser.visible("#confirm");
    assertThat(confirm.getText())
        .contains(
            "O11-Sample",
            "Development",
            "Kept running",
            "Kept deployed",
            "Catalog, Customers, Orders (7 entities)",
            "The apps' data is replaced")
        .doesNotContain("Downtime");
    browser.screenshot("07-confirm");

    String id;
    try (StageTableLock lock = new StageTableLock(stage(), "Orders")) {
      browser.find("#start-migration").click();
      id = migrationIdFromUrl();
      browser.showing("#migration-status", "Running");
      browser.showing("#log", "Plan: 3 apps, 7 entities");
      assertThat(browser.find("#log").getAttribute("role")).isEqualTo("log");
      assertThat(browser.find("#log").getAttribute("aria-live")).isEqualTo("polite");
      assertThat(browser.find("#migration-route").getText()).contains("O11-Sample", "Development");
      assertThat(browser.find("#cancel-migration").isDisplayed()).isTrue();
      // Catalog and Customers finish; Orders waits for its tables.
      browser.showing("#entities-migrated", "5 of 7");
      browser.showing("tr[data-app='Catalog']", "Completed");
      browser.showing("tr[data-app='Customers']", "Completed");
      assertThat(browser.find("tr[data-app='Orders']").getText()).contains("0 of 2", "Running");
      assertThat(browser.find("tr[data-app='Customers'] progress").getAttribute("value"))
          .isEqualTo("3");
      assertThat(browser.find("tr[data-app='Orders'] progress").getAttribute("value"))
          .isEqualTo("0");
      assertThat(browser.find("#phase").getText()).isEqualTo("App data");
      String elapsed = browser.until("the elapsed time", d -> browser.find("#elapsed").getText());
      browser.until(
          "the elapsed time to tick", d -> !browser.find("#elapsed").getText().equals(elapsed));
      browser.screenshot("08-running");
    }

    browser.until(
        "the migration to complete",
        MIGRATION,
        d -> browser.find("#migration-status").getText().contains("Data migration completed"));
    browser.showing("#entities-migrated", "7 of 7");
    browser.visible("#migration-result");
    assertThat(browser.find("#cancel-migration").isDisplayed()).isFalse();
    browser.showing("#log", "Data migration completed");
    browser.screenshot("09-completed");

    Map<String, long[]> shown = new TreeMap<>();
    for (WebElement row : browser.findAll("#migration-result tr[data-entity]")) {
      shown.put(
          row.getAttribute("data-entity"),
          new long[] {
            digits(row.findElement(By.cssSelector(".source-rows")).getText()),
            digits(row.findElement(By.cssSelector(".rows-written")).getText())
          });
      assertThat(row.getText()).contains("Completed");
    }
    Map<String, Long> compared;
    try (Connection source = sourceConnection();
        Connection target = stageConnection()) {
      compared = new StageComparison(source, target, "O11-Sample").compareEveryTable();
    }
    assertThat(shown.keySet()).isEqualTo(compared.keySet()).hasSize(7);
    compared.forEach(
        (entity, rows) -> {
          assertThat(shown.get(entity)[0]).as(entity + ": O11 rows shown").isEqualTo(rows);
          assertThat(shown.get(entity)[1]).as(entity + ": ODC rows shown").isEqualTo(rows);
        });

    browser.find(".crumbs a").click();
    browser.showing("tr[data-migration='" + id + "']", "Completed");
    assertThat(browser.find("tr[data-migration='" + id + "']").getText())
        .contains("O11-Sample", "Development", "7 of 7");
  }

  @Test
  void invalidEmailsBlockUntilLeftOutAndAFailedMigrationSaysWhatToFix() throws Exception {
    String email = setUserEmail(3, "");
    String failed;
    try {
      openSignedIn(page + "#/new", OPERATOR_TOKEN);
      browser.showing("tr[data-app='Orders']", "Ready");
      WebElement users = browser.showing("#users-check", "cannot log in to ODC with their email");
      assertThat(users.getText()).contains("1 of 30 end users", "User 3 (user3) has no email.");
      choose("stop-environment");
      choose("keep-deployed");
      assertThat(browser.find("#continue").isEnabled()).isFalse();
      browser.showing(
          "#setup-blockers",
          "Fix the email of 1 end user in O11, or choose to leave that user out.");
      browser.screenshot("10-setup-invalid-email");
      browser.find("#skip-invalid-users").click();
      browser.showing("#setup-blockers", "Ready: continue");
      browser.find("#continue").click();
      assertThat(browser.visible("#confirm").getText())
          .contains(
              "Stopped",
              "Downtime in O11",
              "29 of 30 are transferred; 1 whose email cannot be a login is left out");
      browser.find("#start-migration").click();
      failed = migrationIdFromUrl();
      browser.until(
          "the migration to fail",
          MIGRATION,
          d -> browser.find("#migration-status").getText().contains("failed"));
      // The user left out is no problem any more; the missing control to stop the environment is.
      assertThat(browser.find("#failure").getText())
          .contains(
              "environment O11-Sample has no control configured to stop it",
              "choose to keep it running")
          .doesNotContain("user 3");
      browser.showing("#log", "ERROR");
      browser.screenshot("11-failed");
    } finally {
      setUserEmail(3, email);
    }

    browser.open(page);
    browser.until(
        "the failed migration listed newest",
        d ->
            !browser.findAll("#migrations tbody tr").isEmpty()
                && failed.equals(
                    browser.find("#migrations tbody tr").getAttribute("data-migration")));
    assertThat(browser.find("#migrations tbody tr").getText()).contains("Failed");
    browser.screenshot("12-list");
  }

  @Test
  void viewerTokenIsToldWhichRoleStartsAMigration() throws Exception {
    openSignedIn(page + "#/new", VIEWER_TOKEN);
    browser.showing("tr[data-app='Orders']", "Ready");
    choose("keep-running");
    choose("keep-deployed");
    browser.find("#continue").click();
    browser.visible("#start-migration").click();
    browser.showing("#start-error", "operator");
    assertThat(browser.find("#start-error").getText())
        .contains("viewer", "token 'web-viewer' has role viewer");
    browser.screenshot("13-viewer-may-not-start");

    browser.find("#token-button").click();
    browser.visible("#token-forget").click();
    assertThat(browser.script("return sessionStorage.getItem('odc-migrate.token')")).isNull();
    browser.visible("#token-dialog");
    enterToken(OPERATOR_TOKEN);
  }

  @Test
  void cancelThroughThePageShowsTheReasonAsText() throws Exception {
    ApiHttp api = new ApiHttp(app.getLocalPort(), OPERATOR_TOKEN);
    String reason = "<b>wrong stage</b> chosen";
    try (StageTableLock lock = new StageTableLock(stage())) {
      String id = api.start();
      openSignedIn(page + "#/migrations/" + id, OPERATOR_TOKEN);
      browser.showing("#migration-status", "Running");
      CancelRecorded.awaitHeldUp(config.getTemporal().target(), "Development", lock.apps());
      browser.visible("#cancel-migration").click();
      browser.visible("#cancel-dialog");
      assertThat(browser.find("#cancel-text").getText()).contains("removed", "Development");
      browser.find("#cancel-reason").sendKeys(reason);
      browser.screenshot("14-cancel-dialog");
      browser.find("#cancel-confirm").click();
      browser.showing("#migration-notice", "Cancellation requested");
      assertThat(browser.find("#cancel-dialog").isDisplayed()).isFalse();
      CancelRecorded.await(config.getTemporal().target(), "Development");
    }
    browser.until(
        "the migration to be cancelled",
        MIGRATION,
        d -> browser.find("#migration-status").getText().contains("Data migration cancelled"));
    assertThat(browser.find("#failure").getText()).contains(reason);
    assertThat(browser.findAll("#failure b")).as("the reason is text, not markup").isEmpty();
    browser.screenshot("15-cancelled");
  }

  /** Opens the page in this tab with no token stored, as a first visit does. */
  private static void openWithoutToken(String url) {
    browser.open(page);
    browser.script("sessionStorage.clear()");
    browser.open("about:blank");
    browser.open(url);
  }

  /** Opens the page in this tab with the token stored, as after signing in. */
  private static void openSignedIn(String url, String token) {
    browser.open(page);
    browser.script("sessionStorage.setItem('odc-migrate.token', arguments[0])", token);
    browser.open("about:blank");
    browser.open(url);
  }

  /** What the check finds keeps Continue disabled, shown with what to fix, until it is fixed. */
  @Test
  void checkBlockersDisableContinueUntilFixed() throws Exception {
    openSignedIn(page + "#/new", OPERATOR_TOKEN);
    browser.showing("tr[data-app='Orders']", "Ready");
    choose("keep-running");
    choose("keep-deployed");
    browser.showing("#setup-blockers", "Ready: continue");
    String[] text = firstTextValue();
    try {
      // A U+0000 in a text value: PostgreSQL text cannot hold it, and the default refuses it.
      setText(text, text[2], "\0" + text[2].substring(1));
      browser.find("#refresh-apps").click();
      WebElement found = browser.showing("#check-blockers", "U+0000");
      assertThat(found.getText()).contains("migration.nulCharacters: replace");
      browser.showing("#setup-blockers", "Fix the problem the check found");
      assertThat(browser.find("#continue").isEnabled())
          .as("a blocker of the check blocks Continue")
          .isFalse();
      browser.screenshot("16-setup-check-blocker");
    } finally {
      setText(text, "\0" + text[2].substring(1), text[2]);
    }
    browser.find("#refresh-apps").click();
    browser.showing("#setup-blockers", "Ready: continue");
    browser.until("the check to run again", d -> browser.findAll("#check-summary").size() == 1);
    assertThat(browser.findAll("#check-blockers")).isEmpty();
    assertThat(browser.find("#continue").isEnabled()).isTrue();
  }

  /**
   * The table, column and first value of a text attribute of the sample: {table, column, value}.
   */
  private static String[] firstTextValue() throws SQLException {
    try (Connection source = sourceConnection()) {
      for (O11Module module : O11Metadata.read(source).modules()) {
        for (O11Entity entity : module.entities()) {
          for (O11Attribute attribute : entity.attributes()) {
            if (attribute.type() != O11Type.TEXT || attribute.length() < 2) {
              continue;
            }
            String table = SqlServerDialect.table(entity.physicalTable());
            String column = SqlServerDialect.quote(attribute.column());
            List<String[]> values =
                StageComparison.query(
                    source,
                    "SELECT TOP 1 " + column + " FROM " + table + " WHERE LEN(" + column + ") > 1");
            if (!values.isEmpty()) {
              return new String[] {table, column, values.get(0)[0]};
            }
          }
        }
      }
    }
    throw new IllegalStateException("the sample has no text value");
  }

  private static void setText(String[] text, String from, String to) throws SQLException {
    try (Connection source = sourceConnection();
        PreparedStatement update =
            source.prepareStatement(
                "UPDATE " + text[0] + " SET " + text[1] + " = ? WHERE " + text[1] + " = ?")) {
      update.setString(1, to);
      update.setString(2, from);
      update.executeUpdate();
    }
  }

  /**
   * After a completed full migration with nothing changed since, the incremental choice keeps every
   * key range.
   */
  @Test
  void anIncrementalRunIsChosenInTheSetupAndShowsItsKeyRanges() throws Exception {
    ApiHttp api = new ApiHttp(app.getLocalPort(), OPERATOR_TOKEN);
    assertThat(api.awaitEnd(api.start()).path("status").asText()).isEqualTo("COMPLETED");
    openSignedIn(page + "#/new", OPERATOR_TOKEN);
    browser.showing("tr[data-app='Orders']", "Ready");
    assertThat(browser.find("#copy-everything").isSelected()).as("the default").isTrue();
    choose("keep-running");
    choose("keep-deployed");
    choose("copy-changed");
    browser.find("#continue").click();
    assertThat(browser.visible("#confirm").getText())
        .contains(
            "Only what changed since the last completed migration from this environment",
            "The apps' changed data is replaced");
    browser.screenshot("16-confirm-incremental");
    browser.find("#start-migration").click();
    migrationIdFromUrl();
    browser.until(
        "the incremental migration to complete",
        MIGRATION,
        d -> browser.find("#migration-status").getText().contains("Data migration completed"));
    // Nothing changed since the full run: its ranges are kept and no row is copied again (the
    // open last range is always read again, for keys added since).
    WebElement customers =
        browser.showing(
            "#migration-result tr[data-entity='Customers.Customer']", "key ranges kept");
    assertThat(customers.getText())
        .containsPattern("(^|\\s)[1-9]\\S* key ranges kept")
        .contains("(0 rows copied again)");
    assertThat(browser.find("#migration-result").getText()).contains("rows copied again");
    browser.showing("#log", "incremental, only what changed since migration");
    browser.screenshot("17-incremental-completed");
  }

  @Test
  void pauseAndResumeThroughThePageShowWhoPausedAndTheLimits() throws Exception {
    ApiHttp api = new ApiHttp(app.getLocalPort(), OPERATOR_TOKEN);
    String id;
    try (StageTableLock lock = new StageTableLock(stage())) {
      id = api.start();
      openSignedIn(page + "#/migrations/" + id, OPERATOR_TOKEN);
      browser.showing("#migration-status", "Running");
      assertThat(browser.find("#resume-migration").isDisplayed()).isFalse();
      browser.showing("#limits-in-force", "Limits in force:");
      browser.visible("#pause-migration").click();
      browser.showing("#migration-status", "Paused");
      browser.showing("#paused-info", "Paused by web-operator");
      assertThat(browser.find("#pause-migration").isDisplayed()).isFalse();
      browser.screenshot("18-paused");
      browser.visible("#resume-migration").click();
      browser.until(
          "the migration to run again",
          MIGRATION,
          d -> !browser.find("#migration-status").getText().contains("Paused"));
      assertThat(browser.findAll("#paused-info")).isEmpty();
    }
    browser.until(
        "the migration to complete",
        MIGRATION,
        d -> browser.find("#migration-status").getText().contains("Data migration completed"));
    assertThat(browser.find("#pause-migration").isDisplayed()).isFalse();
  }

  @Test
  void aScheduledMigrationShowsItsStartTime() throws Exception {
    ApiHttp api = new ApiHttp(app.getLocalPort(), OPERATOR_TOKEN);
    String id =
        api.ok(
                api.post(
                    "/api/migrations",
                    "{\"sourceEnvironment\":\"O11-Sample\",\"targetStage\":\"Development\","
                        + "\"stopEnvironment\":false,\"undeployApps\":false,"
                        + "\"startAt\":\"2099-12-06T02:00:00Z\"}"),
                202)
            .path("id")
            .asText();
    openSignedIn(page + "#/migrations/" + id, OPERATOR_TOKEN);
    browser.showing("#migration-status", "Scheduled");
    browser.showing("#scheduled-start", "2099");
    browser.screenshot("19-scheduled");
    api.ok(api.post("/api/migrations/" + id + "/cancel", "{}"), 202);
    browser.until(
        "the scheduled migration to be cancelled",
        MIGRATION,
        d -> browser.find("#migration-status").getText().contains("Data migration cancelled"));
  }

  /**
   * A start time entered in the confirmation schedules the migration at that instant of the
   * browser's time zone; the limits form on its page shows the API's 422, then changes the limits.
   */
  @Test
  void aStartTimeFromTheConfirmationAndLimitsChangedOnThePage() throws Exception {
    ApiHttp api = new ApiHttp(app.getLocalPort(), OPERATOR_TOKEN);
    openSignedIn(page + "#/new", OPERATOR_TOKEN);
    browser.showing("tr[data-app='Orders']", "Ready");
    choose("keep-running");
    choose("keep-deployed");
    browser.find("#continue").click();
    // A date-time field's keystrokes depend on the browser's locale: the value is set directly.
    browser.script(
        "arguments[0].value = arguments[1]", browser.visible("#start-at"), "2099-12-06T02:00");
    browser.screenshot("20-confirm-start-at");
    browser.find("#start-migration").click();
    String id = migrationIdFromUrl();
    browser.showing("#migration-status", "Scheduled");
    browser.showing("#scheduled-start", "2099");
    Instant chosen =
        Instant.parse((String) browser.script("return new Date('2099-12-06T02:00').toISOString()"));
    assertThat(Instant.parse(api.migration(id).path("control").path("scheduledStart").asText()))
        .isEqualTo(chosen);

    browser.visible("#limits-form");
    assertThat(browser.find("#limit-parallel-apps").getAttribute("placeholder")).isNotBlank();
    browser.find("#limit-parallel-entities").sendKeys("0");
    browser.find("#limits-save").click();
    browser.showing("#limits-error", "parallelEntities");
    browser.find("#limit-parallel-entities").clear();
    browser.find("#limit-parallel-apps").sendKeys("2");
    browser.find("#limit-max-rows-per-second").sendKeys("5000");
    browser.find("#limits-save").click();
    browser.showing("#limits-saved", "Limits now in force: 2 apps");
    browser.showing("#limits-in-force", "2 apps");
    assertThat(browser.find("#limits-in-force").getText())
        .containsPattern("5.?000 rows per second");
    JsonNode limits = api.migration(id).path("control").path("limits");
    assertThat(limits.path("parallelApps").asInt()).isEqualTo(2);
    assertThat(limits.path("maxRowsPerSecond").asInt()).isEqualTo(5000);
    assertThat(browser.find("#limit-parallel-apps").getAttribute("value")).isEmpty();
    browser.screenshot("21-limits-changed");

    api.ok(api.post("/api/migrations/" + id + "/cancel", "{}"), 202);
    browser.until(
        "the scheduled migration to be cancelled",
        MIGRATION,
        d -> browser.find("#migration-status").getText().contains("Data migration cancelled"));
    assertThat(browser.find("#limits-form").isDisplayed()).isFalse();
  }

  private static void enterToken(String token) {
    WebElement input = browser.visible("#token-input");
    input.clear();
    input.sendKeys(token);
    browser.find("#token-save").click();
  }

  private static void choose(String option) {
    browser.find("label[for='" + option + "']").click();
    assertThat(browser.find("#" + option).isSelected()).isTrue();
  }

  private static String migrationIdFromUrl() {
    String url =
        browser.until(
            "the migration's page",
            d -> d.getCurrentUrl().contains("#/migrations/") ? d.getCurrentUrl() : null);
    return url.substring(url.indexOf("#/migrations/") + "#/migrations/".length());
  }

  private static long digits(String text) {
    return Long.parseLong(text.replaceAll("[^0-9]", ""));
  }

  private static StageConfig stage() {
    return config.getStages().get("Development");
  }

  private static Connection stageConnection() throws SQLException {
    return DriverManager.getConnection(stage().url(), stage().user(), stage().password());
  }

  /** Sets an O11 end user's email; returns the one it had. */
  private static String setUserEmail(int userId, String email) throws SQLException {
    try (Connection source = sourceConnection()) {
      String before =
          StageComparison.query(source, "SELECT [Email] FROM [ossys_User] WHERE [Id] = " + userId)
              .get(0)[0];
      try (PreparedStatement update =
          source.prepareStatement("UPDATE [ossys_User] SET [Email] = ? WHERE [Id] = ?")) {
        update.setString(1, email);
        update.setInt(2, userId);
        update.executeUpdate();
      }
      return before;
    }
  }

  /** The rows the source holds in a sample entity's table now. */
  private static long rowsOf(String module, String entity) throws SQLException {
    try (Connection source = sourceConnection()) {
      O11Entity found =
          O11Metadata.read(source).moduleNamed(module).orElseThrow().entities().stream()
              .filter(e -> e.name().equals(entity))
              .findFirst()
              .orElseThrow();
      return Long.parseLong(
          StageComparison.query(
                  source, "SELECT COUNT(*) FROM " + SqlServerDialect.table(found.physicalTable()))
              .get(0)[0]);
    }
  }

  private static Connection sourceConnection() throws SQLException {
    EnvironmentConfig env = config.getEnvironments().get("O11-Sample");
    return DriverManager.getConnection(env.url(), env.user(), env.password());
  }
}
