package org.odcmigrate.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/** {@code migrate pause|resume|limits}: the live control of a running migration. */
final class LiveControlActions {

  /** The options of {@code limits} and the API's fields they set. */
  private static final Map<String, String> LIMITS =
      new LinkedHashMap<>(
          Map.of(
              "parallel-apps", "parallelApps",
              "parallel-entities", "parallelEntities",
              "max-rows-per-second", "maxRowsPerSecond"));

  private LiveControlActions() {}

  static void configure(Subparsers actions) {
    Subparser pause =
        MigrateCommand.connection(
            actions.addParser("pause").help("pause a running migration after its batches"));
    pause.addArgument("id");
    pause.addArgument("--reason").help("why, shown in the migration's progress");
    MigrateCommand.connection(actions.addParser("resume").help("resume a paused migration"))
        .addArgument("id");
    Subparser limits =
        MigrateCommand.connection(
            actions.addParser("limits").help("change the limits of a running migration"));
    limits.addArgument("id");
    for (String limit : LIMITS.keySet()) {
      limits.addArgument("--" + limit).type(Integer.class).metavar("N");
    }
  }

  /** Runs {@code pause}, {@code resume} or {@code limits}; returns the exit status. */
  static int run(Namespace namespace, ApiClient api, PrintStream out)
      throws IOException, InterruptedException, ApiClient.ApiProblem {
    String id = namespace.getString("id");
    return switch (namespace.getString("action")) {
      case "pause" -> accepted(api.pause(id, namespace.getString("reason")), out);
      case "resume" -> accepted(api.resume(id), out);
      case "limits" -> limits(api, namespace, out);
      default ->
          throw new IllegalArgumentException("unknown action " + namespace.getString("action"));
    };
  }

  private static int accepted(JsonNode accepted, PrintStream out) {
    String id = accepted.path("id").asText();
    out.println(
        accepted.path("action").asText().equals("pause")
            ? "Pause requested for migration "
                + id
                + ": running copies hand their ranges back after their batch; resume with: migrate resume "
                + id
            : "Resume requested for migration " + id + ": the copy goes on from its checkpoints");
    return MigrateCommand.OK;
  }

  private static int limits(ApiClient api, Namespace namespace, PrintStream out)
      throws IOException, InterruptedException, ApiClient.ApiProblem {
    Map<String, Integer> limits = new LinkedHashMap<>();
    LIMITS.forEach(
        (option, field) -> {
          Integer value = namespace.getInt(option.replace('-', '_'));
          if (value != null) {
            limits.put(field, value);
          }
        });
    if (limits.isEmpty()) {
      out.println(
          "Give at least one of --parallel-apps, --parallel-entities, --max-rows-per-second");
      return MigrateCommand.REQUEST_FAILED;
    }
    JsonNode inForce = api.limits(namespace.getString("id"), limits).path("limits");
    out.println("Limits of migration " + namespace.getString("id") + " now: " + inForce);
    return MigrateCommand.OK;
  }
}
