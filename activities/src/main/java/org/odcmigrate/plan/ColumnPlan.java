package org.odcmigrate.plan;

/**
 * One column of an entity copy: the O11 column it is read from, the stage column it is written to,
 * and how its values are converted on the way.
 *
 * @param reference the attribute references another entity, so NULL is a valid value
 * @param staticTarget for a reference to a static entity, the stage table whose ids must exist (a
 *     reference to a record missing there becomes NULL); otherwise null
 */
public record ColumnPlan(
    String attribute,
    String sourceColumn,
    String targetColumn,
    ValueKind kind,
    boolean identifier,
    boolean reference,
    StaticTarget staticTarget) {

  public boolean pointsToUser() {
    return kind == ValueKind.USER_REFERENCE;
  }

  public boolean pointsToStatic() {
    return staticTarget != null;
  }

  /**
   * A static entity's stage table, schema-qualified and quoted, and its identifier column, quoted;
   * the entity in the stage's catalog (its app and key) and the O11 module it comes from, by which
   * records are matched by key. The last three are null in plans stored before records were.
   */
  public record StaticTarget(
      String table, String idColumn, String appKey, String entityKey, String moduleKey) {}
}
