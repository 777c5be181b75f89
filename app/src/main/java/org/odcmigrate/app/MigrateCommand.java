package org.odcmigrate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * {@code migrate start|list|status|watch|pause|resume|limits|cancel}: a client of a running API, so
 * the command needs no configuration file, only where the API is and a token when it has auth.
 *
 * <p>Exit status: 0 when the request succeeded (for {@code watch} and {@code start --watch}: when
 * the migration completed), 1 when the migration failed or was cancelled, 2 when the API refused
 * the request or could not be reached.
 */
final class MigrateCommand extends Command {

  static final String TOKEN_VARIABLE = "ODC_MIGRATE_TOKEN";
  static final int OK = 0;
  static final int MIGRATION_NOT_COMPLETED = 1;
  static final int REQUEST_FAILED = 2;

  private final Map<String, String> environment;
  private final Duration poll;

  MigrateCommand() {
    this(System.getenv(), Duration.ofSeconds(1));
  }

  MigrateCommand(Map<String, String> environment, Duration poll) {
    super(
        "migrate",
        "Starts, lists, follows, pauses, resumes, limits and cancels data migrations through the REST API");
    this.environment = environment;
    this.poll = poll;
  }

  @Override
  public void configure(Subparser subparser) {
    Subparsers actions =
        subparser.addSubparsers().dest("action").title("actions").metavar("ACTION");

    Subparser start = connection(actions.addParser("start").help("start a data migration"));
    start.addArgument("--source").required(true).help("the O11 environment to migrate from");
    start.addArgument("--stage").required(true).help("the ODC stage to migrate into");
    start
        .addArgument("--stop-environment")
        .action(Arguments.storeTrue())
        .help("stop the O11 environment during the migration (default: keep it running)");
    start
        .addArgument("--undeploy-apps")
        .action(Arguments.storeTrue())
        .help("undeploy the stage's apps during the migration (default: keep them deployed)");
    start
        .addArgument("--incremental")
        .action(Arguments.storeTrue())
        .help(
            "copy only what changed since the stage's last completed migration from this"
                + " environment (default: copy everything)");
    start
        .addArgument("--start-at")
        .metavar("INSTANT")
        .help("start at this ISO-8601 instant, e.g. 2026-12-06T02:00:00Z (default: at once)");
    start
        .addArgument("--watch")
        .action(Arguments.storeTrue())
        .help("follow the migration until it ends");
    plain(start);

    Subparser list = connection(actions.addParser("list").help("list migrations, newest first"));
    list.addArgument("--limit")
        .type(Integer.class)
        .setDefault(20)
        .help("how many (1 to 500, default 20)");

    connection(actions.addParser("status").help("show a migration and its entities"))
        .addArgument("id");

    Subparser watch =
        connection(actions.addParser("watch").help("follow a migration until it ends"));
    watch.addArgument("id");
    plain(watch);

    LiveControlActions.configure(actions);

    Subparser cancel = connection(actions.addParser("cancel").help("cancel a running migration"));
    cancel.addArgument("id");
    cancel.addArgument("--reason").help("why, kept in the migration's log");
  }

  /** Adds the options every action needs to reach the API. */
  static Subparser connection(Subparser action) {
    action
        .addArgument("--api")
        .setDefault("http://localhost:8080")
        .help("the API's address (default http://localhost:8080)");
    action
        .addArgument("--token")
        .help("an API token (default: the environment variable " + TOKEN_VARIABLE + ")");
    return action;
  }

  private static void plain(Subparser action) {
    action
        .addArgument("--plain")
        .action(Arguments.storeTrue())
        .help(
            "print progress as lines even on a terminal (the default when output is not a terminal)");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) {
    int status =
        execute(namespace, System.out, System.console() != null, bootstrap.getObjectMapper());
    if (status != OK) {
      System.exit(status);
    }
  }

  /** Runs one action; returns the exit status. */
  int execute(Namespace namespace, PrintStream out, boolean terminal, ObjectMapper json) {
    String token =
        namespace.getString("token") != null
            ? namespace.getString("token")
            : environment.get(TOKEN_VARIABLE);
    ApiClient api = new ApiClient(URI.create(namespace.getString("api")), token, json);
    boolean bar = terminal && !Boolean.TRUE.equals(namespace.getBoolean("plain"));
    MigrationWatch watch = new MigrationWatch(api, out, bar, poll);
    try {
      return switch (namespace.getString("action")) {
        case "start" -> start(namespace, api, watch, out);
        case "list" -> list(api, namespace.getInt("limit"), out);
        case "status" -> status(api, namespace.getString("id"), watch);
        case "watch" -> watch(api, namespace.getString("id"), watch);
        case "pause", "resume", "limits" -> LiveControlActions.run(namespace, api, out);
        case "cancel" -> cancel(api, namespace.getString("id"), namespace.getString("reason"), out);
        default ->
            throw new IllegalArgumentException("unknown action " + namespace.getString("action"));
      };
    } catch (ApiClient.ApiProblem e) {
      out.println("The API refused (" + e.status() + "): " + e.getMessage());
      return REQUEST_FAILED;
    } catch (IOException e) {
      out.println(
          "Cannot reach the API at "
              + api.api()
              + ": "
              + (e.getMessage() == null ? e : e.getMessage()));
      return REQUEST_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return REQUEST_FAILED;
    }
  }

  private static int start(
      Namespace namespace, ApiClient api, MigrationWatch watch, PrintStream out)
      throws IOException, InterruptedException, ApiClient.ApiProblem {
    boolean stop = namespace.getBoolean("stop_environment");
    boolean undeploy = namespace.getBoolean("undeploy_apps");
    boolean incremental = namespace.getBoolean("incremental");
    out.printf(
        "Starting a%s data migration from O11 environment %s to ODC stage %s (environment %s, apps %s)%n",
        incremental ? "n incremental" : "",
        namespace.getString("source"),
        namespace.getString("stage"),
        stop ? "stopped" : "kept running",
        undeploy ? "undeployed" : "kept deployed");
    JsonNode started =
        api.start(
            namespace.getString("source"),
            namespace.getString("stage"),
            stop,
            undeploy,
            incremental,
            namespace.getString("start_at"));
    String id = started.path("id").asText();
    out.println(
        "Migration "
            + id
            + (started.path("status").asText().equals("SCHEDULED")
                ? " scheduled to start at "
                    + started.path("control").path("scheduledStart").asText()
                : " started"));
    return namespace.getBoolean("watch") ? watch(api, id, watch) : OK;
  }

  private static int list(ApiClient api, int limit, PrintStream out)
      throws IOException, InterruptedException, ApiClient.ApiProblem {
    JsonNode migrations = api.migrations(limit);
    out.printf(
        "%-26s %-16s %-16s %-10s %-20s %9s %12s%n",
        "Id", "Environment", "Stage", "Status", "Started", "Entities", "Rows");
    for (JsonNode m : migrations) {
      out.printf(
          "%-26s %-16s %-16s %-10s %-20s %9s %12d%n",
          m.path("id").asText(),
          m.path("sourceEnvironment").asText(""),
          m.path("targetStage").asText(),
          m.path("status").asText(),
          m.path("startedAt").asText("").replaceFirst("\\..*", ""),
          m.path("entitiesMigrated").asInt() + "/" + m.path("entitiesTotal").asInt(),
          m.path("rowsWritten").asLong());
    }
    return OK;
  }

  private static int status(ApiClient api, String id, MigrationWatch watch)
      throws IOException, InterruptedException, ApiClient.ApiProblem {
    JsonNode view = api.migration(id);
    watch.printEntities(api.entities(id));
    watch.printOutcome(view);
    return OK;
  }

  private static int watch(ApiClient api, String id, MigrationWatch watch)
      throws IOException, InterruptedException, ApiClient.ApiProblem {
    JsonNode view = watch.follow(id);
    watch.printEntities(api.entities(id));
    watch.printOutcome(view);
    return MigrationWatch.completed(view) ? OK : MIGRATION_NOT_COMPLETED;
  }

  private static int cancel(ApiClient api, String id, String reason, PrintStream out)
      throws IOException, InterruptedException, ApiClient.ApiProblem {
    JsonNode accepted = api.cancel(id, reason);
    out.println(
        "Cancel requested for migration "
            + id
            + " on stage "
            + accepted.path("targetStage").asText()
            + ": its copied app data is being removed; follow it with: migrate watch "
            + id);
    return OK;
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    UserErrors.print(cli, e);
  }
}
