package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code migrate} command against the running {@code dev} application, output captured as when
 * it is not a terminal: start, watch (live progress, then the COMPLETED line, exit 0), list,
 * status, and the exit status of a refused request.
 */
class MigrateCommandTest {

  private static DropwizardTestSupport<OdcMigrateConfiguration> app;
  private static OdcMigrateConfiguration config;
  private static String api;

  @BeforeAll
  static void startDev() throws Exception {
    config = TestDevConfiguration.create(50);
    app = new DropwizardTestSupport<>(OdcMigrateApplication.class, config, DevCommand::new);
    app.before();
    api = "http://localhost:" + app.getLocalPort();
  }

  @AfterAll
  static void stopDev() {
    if (app != null) {
      app.after();
    }
  }

  /** Thread-safe enough for one writer and a reader that polls. */
  private static String text(ByteArrayOutputStream out) {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void watchShowsLiveProgressThenTheCompletedLineAndExitsZero() throws Exception {
    ExecutorService cli = Executors.newSingleThreadExecutor();
    try {
      String id;
      ByteArrayOutputStream watched = new ByteArrayOutputStream();
      Future<Integer> watch;
      try (StageTableLock lock = new StageTableLock(config.getStages().get("Development"))) {
        ByteArrayOutputStream started = new ByteArrayOutputStream();
        assertThat(
                MigrateRun.migrate(
                    Map.of(),
                    started,
                    "start",
                    "--source",
                    "O11-Sample",
                    "--stage",
                    "Development",
                    "--api",
                    api))
            .isZero();
        Matcher startedLine = Pattern.compile("Migration (\\S+) started").matcher(text(started));
        assertThat(startedLine.find()).as(text(started)).isTrue();
        id = startedLine.group(1);

        watch = cli.submit(() -> MigrateRun.migrate(Map.of(), watched, "watch", id, "--api", api));
        // The stage's tables are locked: the watch must show the migration running before it ends.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Pattern.compile("\\[\\s*\\d+ s\\] (PREPARATION|END_USERS|APP_DATA) ")
            .matcher(text(watched))
            .find()) {
          assertThat(System.nanoTime()).as(text(watched)).isLessThan(deadline);
          Thread.sleep(50);
        }
      }
      int status = watch.get(60, TimeUnit.SECONDS);
      String output = text(watched);
      assertThat(status).as(output).isZero();
      assertThat(output)
          .contains("Data migration " + id + " from O11-Sample to Development started");
      assertThat(output).containsPattern("\\[\\s*\\d+ s\\] FINISHED\\s+entities 7/7, rows \\d+");
      assertThat(output).contains("Customers", "Customer", "COMPLETED");
      assertThat(output)
          .containsPattern("Migration " + id + " COMPLETED in \\d+ s: 7 of 7 entities, \\d+ rows");
      assertThat(output).doesNotContain("\r", "\u001b");

      ByteArrayOutputStream list = new ByteArrayOutputStream();
      assertThat(MigrateRun.migrate(Map.of(), list, "list", "--api", api)).isZero();
      assertThat(text(list)).contains(id, "COMPLETED", "7/7");

      ByteArrayOutputStream shown = new ByteArrayOutputStream();
      assertThat(MigrateRun.migrate(Map.of(), shown, "status", id, "--api", api)).isZero();
      assertThat(text(shown)).contains("Migration " + id + " COMPLETED", "OrderLine");

      ByteArrayOutputStream refused = new ByteArrayOutputStream();
      assertThat(
              MigrateRun.migrate(
                  Map.of(), refused, "cancel", id, "--reason", "too late", "--api", api))
          .isEqualTo(MigrateCommand.REQUEST_FAILED);
      assertThat(text(refused)).contains("409", "not running");
    } finally {
      cli.shutdownNow();
    }
  }

  @Test
  void pauseLimitsAndResumeARunningMigrationAndScheduleAnother() throws Exception {
    ApiHttp http = new ApiHttp(app.getLocalPort(), null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream watched = new ByteArrayOutputStream();
    ExecutorService cli = Executors.newSingleThreadExecutor();
    Future<Integer> watch;
    String id;
    try (StageTableLock lock = new StageTableLock(config.getStages().get("Development"))) {
      assertThat(
              MigrateRun.migrate(
                  Map.of(),
                  out,
                  "start",
                  "--source",
                  "O11-Sample",
                  "--stage",
                  "Development",
                  "--api",
                  api))
          .isZero();
      Matcher started = Pattern.compile("Migration (\\S+) started").matcher(text(out));
      assertThat(started.find()).as(text(out)).isTrue();
      id = started.group(1);

      out.reset();
      assertThat(
              MigrateRun.migrate(
                  Map.of(),
                  out,
                  "limits",
                  id,
                  "--parallel-apps",
                  "2",
                  "--max-rows-per-second",
                  "5000",
                  "--api",
                  api))
          .as(text(out))
          .isZero();
      assertThat(text(out))
          .contains(
              "Limits of migration " + id + " now: ",
              "\"parallelApps\":2",
              "\"maxRowsPerSecond\":5000");
      out.reset();
      assertThat(MigrateRun.migrate(Map.of(), out, "limits", id, "--api", api))
          .isEqualTo(MigrateCommand.REQUEST_FAILED);
      assertThat(text(out).strip())
          .isEqualTo(
              "Give at least one of --parallel-apps, --parallel-entities, --max-rows-per-second");
      out.reset();
      assertThat(
              MigrateRun.migrate(
                  Map.of(), out, "limits", id, "--parallel-entities", "0", "--api", api))
          .isEqualTo(MigrateCommand.REQUEST_FAILED);
      assertThat(text(out)).contains("422", "parallelEntities");

      out.reset();
      assertThat(
              MigrateRun.migrate(
                  Map.of(), out, "pause", id, "--reason", "business hours", "--api", api))
          .isZero();
      assertThat(text(out)).contains("Pause requested for migration " + id);
      http.await(id, v -> v.path("status").asText().equals("PAUSED"), "paused");
      out.reset();
      assertThat(MigrateRun.migrate(Map.of(), out, "pause", id, "--api", api))
          .isEqualTo(MigrateCommand.REQUEST_FAILED);
      assertThat(text(out)).contains("409", "already paused");

      out.reset();
      assertThat(MigrateRun.migrate(Map.of(), out, "status", id, "--api", api)).isZero();
      assertThat(text(out))
          .contains("Migration " + id + " PAUSED")
          .containsPattern(
              "(?m)^Paused by an API user since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"
                  + " \\(business hours\\)$")
          .containsPattern(
              "(?m)^Limits: parallel apps 2, parallel entities \\d+, max rows per second 5000$")
          .doesNotContain("Scheduled");

      watch = cli.submit(() -> MigrateRun.migrate(Map.of(), watched, "watch", id, "--api", api));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!text(watched).contains("  Limits: ")) {
        assertThat(System.nanoTime()).as(text(watched)).isLessThan(deadline);
        Thread.sleep(50);
      }
      out.reset();
      assertThat(MigrateRun.migrate(Map.of(), out, "resume", id, "--api", api)).isZero();
      assertThat(text(out)).contains("Resume requested for migration " + id);
      // Resumed (the stage still locked): the watch shows the limits again, without the pause.
      Pattern resumed =
          Pattern.compile(
              "(?m)^(?!  Paused by).*\\R  Limits: parallel apps 2, parallel entities \\d+,"
                  + " max rows per second 5000$");
      while (!resumed.matcher(text(watched)).find()) {
        assertThat(System.nanoTime()).as(text(watched)).isLessThan(deadline);
        Thread.sleep(50);
      }
    }
    assertThat(http.awaitEnd(id).path("status").asText()).isEqualTo("COMPLETED");
    try {
      assertThat(watch.get(60, TimeUnit.SECONDS)).as(text(watched)).isZero();
    } finally {
      cli.shutdownNow();
    }
    assertThat(text(watched))
        .containsPattern("(?m)^  Paused by an API user since \\S+ \\(business hours\\)$")
        .contains("Migration " + id + " COMPLETED");

    out.reset();
    assertThat(
            MigrateRun.migrate(
                Map.of(),
                out,
                "start",
                "--source",
                "O11-Sample",
                "--stage",
                "Development",
                "--start-at",
                "Sunday 02:00",
                "--api",
                api))
        .isEqualTo(MigrateCommand.REQUEST_FAILED);
    assertThat(text(out)).contains("422", "startAt must be an ISO-8601 instant");
    out.reset();
    assertThat(
            MigrateRun.migrate(
                Map.of(),
                out,
                "start",
                "--source",
                "O11-Sample",
                "--stage",
                "Development",
                "--start-at",
                "2099-12-06T02:00:00Z",
                "--api",
                api))
        .isZero();
    Matcher scheduled =
        Pattern.compile("Migration (\\S+) scheduled to start at 2099-12-06T02:00:00Z")
            .matcher(text(out));
    assertThat(scheduled.find()).as(text(out)).isTrue();
    String later = scheduled.group(1);
    http.await(later, v -> v.path("status").asText().equals("SCHEDULED"), "scheduled");
    out.reset();
    assertThat(MigrateRun.migrate(Map.of(), out, "status", later, "--api", api)).isZero();
    assertThat(text(out))
        .contains("Migration " + later + " SCHEDULED")
        .containsPattern("(?m)^Scheduled: starts at 2099-12-06T02:00:00Z$")
        .containsPattern(
            "(?m)^Limits: parallel apps \\d+, parallel entities \\d+, max rows per second unlimited$")
        .doesNotContain("Paused by");
    out.reset();
    assertThat(MigrateRun.migrate(Map.of(), out, "cancel", later, "--api", api)).isZero();
    JsonNode cancelled = http.awaitEnd(later);
    assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(cancelled.path("log").toString()).contains("Nothing was copied");
  }

  @Test
  void unknownMigrationAndUnreachableApiExitTwo() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(MigrateRun.migrate(Map.of(), out, "watch", "no-such-migration", "--api", api))
        .isEqualTo(MigrateCommand.REQUEST_FAILED);
    assertThat(text(out)).contains("404", "no-such-migration");

    out.reset();
    assertThat(MigrateRun.migrate(Map.of(), out, "list", "--api", "http://localhost:1"))
        .isEqualTo(MigrateCommand.REQUEST_FAILED);
    assertThat(text(out)).contains("Cannot reach the API at http://localhost:1");

    out.reset();
    assertThat(
            MigrateRun.migrate(
                Map.of(),
                out,
                "start",
                "--source",
                "Nowhere",
                "--stage",
                "Development",
                "--api",
                api))
        .isEqualTo(MigrateCommand.REQUEST_FAILED);
    assertThat(text(out)).contains("422", "unknown environment 'Nowhere'");
  }
}
