package org.odcmigrate.migration;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last lines of a migration's log, as its progress query shows them; older lines drop off. */
final class RecentLog {

  private static final int LINES_KEPT = 200;

  private final Deque<LogLine> lines = new ArrayDeque<>();

  void add(Instant at, LogLine.Level level, String message) {
    if (lines.size() == LINES_KEPT) {
      lines.removeFirst();
    }
    lines.addLast(new LogLine(at, level, message));
  }

  List<LogLine> lines() {
    return List.copyOf(lines);
  }
}
