package org.odcmigrate.migration;

import java.time.Instant;

/** One line of a migration's log, as the portal shows it. */
public record LogLine(Instant time, Level level, String message) {

  /** Severity of a log line. */
  public enum Level {
    INFO,
    WARN,
    ERROR
  }
}
