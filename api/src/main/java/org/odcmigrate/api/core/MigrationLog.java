package org.odcmigrate.api.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.odcmigrate.migration.LogLine;
import org.odcmigrate.migration.MigrationStatus;

/**
 * The lines of a migration's log after the one a client has already shown.
 *
 * @param lines numbered from 1, oldest first
 * @param next pass it as {@code after} to get only the lines written since
 * @param live false when no worker answered, so the lines are the last ones kept
 * @param notLiveReason why the lines are not live; null when live
 */
public record MigrationLog(
    String migrationId,
    MigrationStatus status,
    List<Line> lines,
    int next,
    boolean live,
    String notLiveReason) {

  /** One log line with its number. */
  public record Line(int number, Instant time, LogLine.Level level, String message) {}

  static MigrationLog after(MigrationView view, int after) {
    List<LogLine> log = view.log() == null ? List.of() : view.log();
    List<Line> lines = new ArrayList<>();
    for (int i = after; i < log.size(); i++) {
      LogLine line = log.get(i);
      lines.add(new Line(i + 1, line.time(), line.level(), line.message()));
    }
    return new MigrationLog(
        view.id(),
        view.status(),
        lines,
        Math.max(after, log.size()),
        view.live(),
        view.notLiveReason());
  }
}
