package org.odcmigrate.api.core;

import io.temporal.client.WorkflowClient;
import java.time.Clock;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.MigrationDefaults;
import org.odcmigrate.config.TemporalConfig;

/**
 * The API's core wired once: starting, finding, live control and live progress over the same
 * Temporal client.
 */
public record MigrationCore(
    MigrationStarter starter,
    MigrationFinder finder,
    MigrationControls controls,
    WorkerPresence workers) {

  public static MigrationCore create(
      WorkflowClient client,
      TemporalConfig temporal,
      Connections connections,
      MigrationDefaults defaults,
      Clock clock) {
    MigrationWorkflows workflows = new MigrationWorkflows(client, connections);
    WorkerPresence workers = new WorkerPresence(client, temporal.taskQueue(), clock);
    LiveProgress live = new LiveProgress(workflows, workers, clock);
    MigrationFinder finder = new MigrationFinder(workflows, live);
    return new MigrationCore(
        new MigrationStarter(workflows, live, finder, temporal, connections, defaults, clock),
        finder,
        new MigrationControls(workflows, live, finder),
        workers);
  }
}
