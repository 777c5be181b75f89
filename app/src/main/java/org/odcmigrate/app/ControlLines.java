package org.odcmigrate.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What an operator set on a migration that has not ended, as the CLI prints it: the scheduled
 * start, who paused it since when and why, and the limits in force.
 */
final class ControlLines {

  private ControlLines() {}

  /** The lines for the API's view of a migration; none once it has ended or without control. */
  static List<String> of(JsonNode view) {
    JsonNode control = view.path("control");
    List<String> lines = new ArrayList<>();
    if (control.isMissingNode() || control.isNull() || MigrationWatch.ended(view)) {
      return lines;
    }
    String scheduledStart = time(control.path("scheduledStart"));
    if ("SCHEDULED".equals(view.path("status").asText())) {
      lines.add("Scheduled: starts at " + scheduledStart);
    } else if (!scheduledStart.isEmpty()) {
      lines.add("Scheduled start: " + scheduledStart);
    }
    if (control.path("paused").asBoolean()) {
      String reason = control.path("pauseReason").asText("");
      lines.add(
          "Paused by "
              + control.path("pausedBy").asText("someone")
              + " since "
              + time(control.path("pausedSince"))
              + (reason.isBlank() ? "" : " (" + reason + ")"));
    }
    JsonNode limits = control.path("limits");
    if (limits.isObject()) {
      int rate = limits.path("maxRowsPerSecond").asInt();
      lines.add(
          "Limits: parallel apps "
              + limits.path("parallelApps").asText("?")
              + ", parallel entities "
              + limits.path("parallelEntities").asText("?")
              + ", max rows per second "
              + (rate == 0 ? "unlimited" : rate));
    }
    return lines;
  }

  /** An instant to the second, as the API gave it when it is not one. */
  private static String time(JsonNode node) {
    String text = node.asText("");
    if (node.isNull() || text.isEmpty()) {
      return "";
    }
    try {
      return Instant.parse(text).truncatedTo(ChronoUnit.SECONDS).toString();
    } catch (DateTimeParseException e) {
      return text;
    }
  }
}
