package org.odcmigrate.migration;

import java.time.Duration;

/**
 * Tuning of one migration, filled from the configuration's defaults when it is started, so that the
 * workflow never reads configuration itself.
 *
 * @param parallelApps app child workflows running at once
 * @param parallelEntities entity copies running at once inside one app
 * @param batchSize rows per COPY batch; each batch commits with its checkpoint
 * @param splitRows an entity with more rows than this is copied in parallel key ranges
 * @param heartbeatTimeout how long a silent copy activity is trusted before it is retried
 */
public record MigrationOptions(
    int parallelApps,
    int parallelEntities,
    int batchSize,
    long splitRows,
    Duration heartbeatTimeout) {

  public static MigrationOptions defaults() {
    return new MigrationOptions(4, 4, 5_000, 250_000, Duration.ofSeconds(30));
  }
}
