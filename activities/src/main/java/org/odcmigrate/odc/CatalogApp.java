package org.odcmigrate.odc;

import java.util.List;

/**
 * An app of the stage as code migration left it.
 *
 * @param undeployedBy the migration that undeployed the app and will redeploy it, if any
 */
public record CatalogApp(
    String appKey,
    String name,
    String sourceModuleKey,
    String schema,
    String status,
    boolean deployed,
    String runtimeRole,
    String undeployedBy,
    List<CatalogEntity> entities) {

  public boolean isPublished() {
    return "PUBLISHED".equals(status);
  }
}
