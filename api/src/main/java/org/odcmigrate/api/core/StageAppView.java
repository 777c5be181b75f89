package org.odcmigrate.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.odcmigrate.odc.CatalogApp;

/**
 * An app of a stage as code migration left it.
 *
 * @param status PUBLISHED or UNPUBLISHED
 * @param migratable with {@code ?source=}: true when a migration can copy into it (published and
 *     deployed); absent otherwise
 * @param reason with {@code ?source=}: why it cannot be migrated, worded as what to do
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageAppView(
    String appKey,
    String name,
    String sourceModuleKey,
    String status,
    boolean deployed,
    List<Entity> entities,
    Boolean migratable,
    String reason) {

  /** An entity of the app; static entities keep their records from the converted code. */
  public record Entity(String entityKey, String name, String table, boolean isStatic) {}

  static StageAppView of(CatalogApp app) {
    return new StageAppView(
        app.appKey(),
        app.name(),
        app.sourceModuleKey(),
        app.status(),
        app.deployed(),
        app.entities().stream()
            .map(e -> new Entity(e.entityKey(), e.name(), e.table(), e.isStatic()))
            .toList(),
        null,
        null);
  }

  /** This app as a candidate of a migration from an environment that has its module. */
  StageAppView withMigrability() {
    String why = null;
    if (!"PUBLISHED".equals(status)) {
      why = "not published in the stage: publish it";
    }
    if (!deployed) {
      why = (why == null ? "" : why + "; ") + "not deployed in the stage: deploy it";
    }
    return new StageAppView(
        appKey, name, sourceModuleKey, status, deployed, entities, why == null, why);
  }
}
