package org.odcmigrate.migration;

/** Names one entity of one app: the app's key and the entity's O11 SS_Key, plus readable names. */
public record EntityRef(String appKey, String appName, String entityKey, String entityName) {

  @Override
  public String toString() {
    return appName + "." + entityName;
  }
}
