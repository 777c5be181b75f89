package org.odcmigrate.app;

import io.dropwizard.core.cli.Cli;

/**
 * How every command answers bad input or a refused operation: one line on stderr saying what to fix
 * (the messages of the exception and its causes, without a stack trace), then exit code 2.
 */
final class UserErrors {

  /** The exit code of bad input or a refused operation. */
  static final int BAD_INPUT = 2;

  private UserErrors() {}

  static void print(Cli cli, Throwable error) {
    cli.getStdErr().println("odc-migrate: " + oneLine(error));
  }

  /** The distinct messages of the error and its causes, joined on one line. */
  static String oneLine(Throwable error) {
    StringBuilder line = new StringBuilder();
    for (Throwable t = error; t != null && t != t.getCause(); t = t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      message = message.replaceAll("\\s*\\R\\s*\\*?\\s*", "; ").replaceAll("\\s+", " ").trim();
      if (line.indexOf(message) < 0) {
        line.append(line.length() == 0 ? "" : ": ").append(message);
      }
    }
    return line.toString();
  }
}
