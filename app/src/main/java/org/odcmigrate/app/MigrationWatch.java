package org.odcmigrate.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Follows a migration through the API until it ends: its log as it grows, and its progress as a
 * live bar on a terminal (entities, rows, rate, ETA) or as a line whenever it changes otherwise.
 */
final class MigrationWatch {

  private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "CANCELLED");

  /** Clears the bar's line so that a log line does not end with the rest of the bar. */
  private static final String CLEAR_LINE = "\r\033[2K";

  private final ApiClient api;
  private final PrintStream out;
  private final boolean progressBar;
  private final Duration poll;

  MigrationWatch(ApiClient api, PrintStream out, boolean progressBar, Duration poll) {
    this.api = api;
    this.out = out;
    this.progressBar = progressBar;
    this.poll = poll;
  }

  /** Returns the migration as it ended. */
  JsonNode follow(String id) throws IOException, InterruptedException, ApiClient.ApiProblem {
    int shown = 0;
    String lastLine = "";
    String lastBanner = "";
    List<String> lastControl = List.of();
    ProgressBar bar = null;
    try {
      while (true) {
        JsonNode logs = api.logs(id, shown);
        for (JsonNode line : logs.path("lines")) {
          out.print(bar != null ? CLEAR_LINE : "");
          out.printf(
              "  %s %-5s %s%n",
              line.path("time").asText(),
              line.path("level").asText(),
              line.path("message").asText());
        }
        shown = logs.path("next").asInt(shown);
        JsonNode view = api.migration(id);
        String banner = banner(view);
        if (!banner.equals(lastBanner)) {
          out.print(bar != null ? CLEAR_LINE : "");
          out.println(banner.isEmpty() ? "  A worker is running the migration again." : banner);
          lastBanner = banner;
        }
        List<String> control = ControlLines.of(view);
        if (!control.equals(lastControl)) {
          out.print(bar != null ? CLEAR_LINE : "");
          control.forEach(line -> out.println("  " + line));
          lastControl = control;
        }
        if (progressBar) {
          bar = bar == null ? newBar(view) : bar;
          bar.maxHint(Math.max(1, view.path("entitiesTotal").asLong()));
          bar.stepTo(view.path("entitiesMigrated").asLong());
          bar.setExtraMessage(" " + phaseAndRows(view));
        } else {
          String line = progressLine(view);
          if (!line.equals(lastLine)) {
            out.println(line);
            lastLine = line;
          }
        }
        if (ended(view)) {
          return view;
        }
        Thread.sleep(poll.toMillis());
      }
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
  }

  private ProgressBar newBar(JsonNode view) {
    return new ProgressBarBuilder()
        .setTaskName("Migration")
        .setInitialMax(Math.max(1, view.path("entitiesTotal").asLong()))
        .setUnit(" entities", 1)
        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
        .setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(out))
        .build();
  }

  /** The warning shown while no worker answers, empty while the figures are live. */
  static String banner(JsonNode view) {
    return view.path("live").asBoolean(true)
        ? ""
        : "  ! No worker is running this migration: " + view.path("notLiveReason").asText();
  }

  /** {@code [ 12 s] APP_DATA entities 3/6, rows 12000 (1000 rows/s)} */
  static String progressLine(JsonNode view) {
    return String.format(
        "[%4d s] %-11s entities %d/%d, %s",
        view.path("elapsedSeconds").asLong(),
        view.path("phase").asText(),
        view.path("entitiesMigrated").asInt(),
        view.path("entitiesTotal").asInt(),
        rows(view));
  }

  private static String phaseAndRows(JsonNode view) {
    return view.path("phase").asText() + ", " + rows(view);
  }

  private static String rows(JsonNode view) {
    long rows = view.path("rowsWritten").asLong();
    long seconds = view.path("elapsedSeconds").asLong();
    return "rows " + rows + (seconds > 0 && rows > 0 ? " (" + rows / seconds + " rows/s)" : "");
  }

  /** The portal's closing list: every entity of every app with its row counts. */
  void printEntities(JsonNode entities) {
    out.printf(
        "%n%-16s %-20s %-10s %12s %12s %11s%n",
        "App", "Entity", "Status", "O11 rows", "ODC rows", "Nulled refs");
    for (JsonNode app : entities.path("apps")) {
      for (JsonNode entity : app.path("entities")) {
        out.printf(
            "%-16s %-20s %-10s %12d %12d %11d%n",
            app.path("appName").asText(),
            entity.path("entityName").asText(),
            entity.path("status").asText(),
            entity.path("sourceRows").asLong(),
            entity.path("rowsWritten").asLong(),
            entity.path("nulledReferences").asLong());
        if (entity.path("rangesKept").asInt() > 0 || entity.path("rowsRecopied").asLong() > 0) {
          out.printf(
              "    incremental: %d key ranges kept, %d copied, %d rows copied again%n",
              entity.path("rangesKept").asInt(),
              entity.path("rangesCopied").asInt(),
              entity.path("rowsRecopied").asLong());
        }
        if (!entity.path("detail").asText("").isEmpty()) {
          out.println("    " + entity.path("detail").asText());
        }
      }
    }
  }

  /**
   * {@code Migration <id> COMPLETED in 5 s: 6 of 6 entities, 1800 rows, 40 end users} and the
   * error, if any.
   */
  void printOutcome(JsonNode view) {
    out.printf(
        "%nMigration %s %s in %d s: %d of %d entities, %d rows, %d end users%n",
        view.path("id").asText(),
        view.path("status").asText(),
        view.path("elapsedSeconds").asLong(),
        view.path("entitiesMigrated").asInt(),
        view.path("entitiesTotal").asInt(),
        view.path("rowsWritten").asLong(),
        view.path("usersMigrated").asInt());
    if (!view.path("error").asText("").isEmpty()) {
      out.println("Error: " + view.path("error").asText());
    }
    ControlLines.of(view).forEach(out::println);
  }

  /** Completed, failed or cancelled: nothing about it changes any more. */
  static boolean ended(JsonNode view) {
    return FINAL.contains(view.path("status").asText());
  }

  static boolean completed(JsonNode view) {
    return "COMPLETED".equals(view.path("status").asText());
  }
}
