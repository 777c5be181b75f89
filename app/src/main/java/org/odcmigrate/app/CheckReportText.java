package org.odcmigrate.app;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.odcmigrate.plan.CheckReport;

/** The findings of {@code check} as text for a terminal or a log. */
final class CheckReportText {

  private CheckReportText() {}

  static void print(CheckReport r, PrintStream out) {
    out.println(
        "Check of environment "
            + r.environment()
            + " against stage "
            + r.stage()
            + ": "
            + (r.canStart() ? "a migration can start" : "a migration cannot start"));
    section(out, "Found", r.found());
    section(out, "Derived (not in the platform tables here)", r.derived());
    out.println("Modules:");
    r.modules()
        .forEach(
            m ->
                out.println(
                    "  "
                        + m.module()
                        + " -> "
                        + (m.app() == null
                            ? "no app in the stage"
                            : "app " + m.app() + " (schema " + m.schema() + ")")));
    out.println("Entities:");
    r.entities()
        .forEach(
            e ->
                out.println(
                    "  "
                        + e.app()
                        + "."
                        + e.entity()
                        + " ("
                        + e.sourceTable()
                        + "): "
                        + e.rows()
                        + " rows, "
                        + e.bytes()
                        + " bytes"));
    section(out, "Blockers", r.blockers());
    section(out, "Data-model differences", r.modelDifferences());
    section(out, "Invalid emails", r.invalidEmails());
    out.println("Values to rewrite:");
    if (r.rewrites().isEmpty()) {
      out.println("  none");
    }
    r.rewrites()
        .forEach(
            w ->
                out.println(
                    "  "
                        + w.app()
                        + "."
                        + w.entity()
                        + "."
                        + w.attribute()
                        + ": "
                        + w.count()
                        + " "
                        + describe(w.kind())
                        + " -> "
                        + w.becomes()));
    out.println(
        "Total: "
            + r.totalRows()
            + " rows, "
            + r.totalBytes()
            + " bytes; estimated duration "
            + Duration.ofSeconds(r.estimatedSeconds()).toString().substring(2).toLowerCase()
            + " at "
            + r.rowsPerSecond()
            + " rows/s (migration.estimateRowsPerSecond)");
  }

  private static String describe(CheckReport.Kind kind) {
    return switch (kind) {
      case NULL_VALUE -> "NULL value(s)";
      case NUL_CHARACTER -> "value(s) holding U+0000";
      case DELETED_STATIC_RECORD -> "reference(s) to deleted static records";
      case USER_OF_OTHER_TENANT -> "reference(s) to users of other tenants";
      case USER_MISSING -> "reference(s) to no user";
    };
  }

  private static void section(PrintStream out, String title, List<String> lines) {
    out.println(title + ":");
    if (lines.isEmpty()) {
      out.println("  none");
    }
    lines.forEach(l -> out.println("  " + l));
  }
}
