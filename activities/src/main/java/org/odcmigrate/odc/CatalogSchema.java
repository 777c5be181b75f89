package org.odcmigrate.odc;

/**
 * The layout of the stage's own schemas, created by {@link StageCatalog#install}: the apps code
 * migration produced, the migration bookkeeping, and the user store.
 */
final class CatalogSchema {

  /** The catalog's layout version; a stage with an older one gets the DDL again. */
  static final int VERSION = 7;

  /**
   * The apps, entities, attributes and roles that code migration produced, and the static records
   * it published with their keys (O11's SS_Key; ids can differ between environments).
   */
  private static final String APPS =
      """
      CREATE SCHEMA IF NOT EXISTS odc_catalog;
      CREATE TABLE IF NOT EXISTS odc_catalog.schema_version (version integer NOT NULL);
      CREATE TABLE IF NOT EXISTS odc_catalog.app (
        app_key text PRIMARY KEY,
        name text NOT NULL UNIQUE,
        source_module_key text NOT NULL,
        schema_name text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('PUBLISHED', 'UNPUBLISHED')),
        deployed boolean NOT NULL,
        runtime_role text NOT NULL,
        undeployed_by text);
      CREATE TABLE IF NOT EXISTS odc_catalog.entity (
        app_key text NOT NULL REFERENCES odc_catalog.app ON DELETE CASCADE,
        entity_key text NOT NULL,
        name text NOT NULL,
        table_name text NOT NULL,
        is_static boolean NOT NULL,
        PRIMARY KEY (app_key, entity_key));
      CREATE TABLE IF NOT EXISTS odc_catalog.attribute (
        app_key text NOT NULL,
        entity_key text NOT NULL,
        attribute_key text NOT NULL,
        name text NOT NULL,
        column_name text NOT NULL,
        data_type text NOT NULL,
        length integer NOT NULL,
        decimals integer NOT NULL,
        is_mandatory boolean NOT NULL,
        is_identifier boolean NOT NULL,
        is_auto_number boolean NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (app_key, entity_key, attribute_key),
        FOREIGN KEY (app_key, entity_key) REFERENCES odc_catalog.entity ON DELETE CASCADE);
      CREATE TABLE IF NOT EXISTS odc_catalog.static_record (
        app_key text NOT NULL,
        entity_key text NOT NULL,
        record_key text NOT NULL,
        record_id text NOT NULL,
        PRIMARY KEY (app_key, entity_key, record_key),
        FOREIGN KEY (app_key, entity_key) REFERENCES odc_catalog.entity ON DELETE CASCADE);
      CREATE TABLE IF NOT EXISTS odc_catalog.app_role (
        app_key text NOT NULL REFERENCES odc_catalog.app ON DELETE CASCADE,
        role_key text NOT NULL,
        name text NOT NULL,
        PRIMARY KEY (app_key, role_key));
      """;

  /**
   * What migrations keep about themselves: requests and reports, entity plans, copy checkpoints,
   * range fingerprints for incremental runs, live control, value rewrites, dropped foreign keys.
   */
  private static final String BOOKKEEPING =
      """
      CREATE TABLE IF NOT EXISTS odc_catalog.migration (
        migration_id text PRIMARY KEY,
        source_environment text NOT NULL,
        status text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        request jsonb NOT NULL,
        report jsonb);
      CREATE TABLE IF NOT EXISTS odc_catalog.migration_entity_plan (
        migration_id text NOT NULL,
        app_key text NOT NULL,
        entity_key text NOT NULL,
        plan jsonb NOT NULL,
        PRIMARY KEY (migration_id, app_key, entity_key));
      CREATE TABLE IF NOT EXISTS odc_catalog.copy_checkpoint (
        migration_id text NOT NULL,
        app_key text NOT NULL,
        entity_key text NOT NULL,
        range_no integer NOT NULL,
        lower_key text,
        upper_key text,
        last_key text,
        rows_written bigint NOT NULL DEFAULT 0,
        nulled_references bigint NOT NULL DEFAULT 0,
        checksum bigint NOT NULL DEFAULT 0,
        completed boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (migration_id, app_key, entity_key, range_no));
      ALTER TABLE odc_catalog.copy_checkpoint ADD COLUMN IF NOT EXISTS kept boolean NOT NULL DEFAULT false;
      ALTER TABLE odc_catalog.copy_checkpoint ADD COLUMN IF NOT EXISTS source_fingerprint text;
      CREATE TABLE IF NOT EXISTS odc_catalog.range_fingerprint (
        migration_id text NOT NULL,
        app_key text NOT NULL,
        entity_key text NOT NULL,
        range_no integer NOT NULL,
        lower_key text,
        upper_key text,
        row_count bigint NOT NULL,
        nulled_references bigint NOT NULL,
        source_fingerprint text,
        stage_checksum bigint NOT NULL,
        PRIMARY KEY (migration_id, app_key, entity_key, range_no));
      CREATE TABLE IF NOT EXISTS odc_catalog.copy_discarded (
        migration_id text NOT NULL,
        app_key text NOT NULL,
        PRIMARY KEY (migration_id, app_key));
      CREATE TABLE IF NOT EXISTS odc_catalog.copy_control (
        migration_id text PRIMARY KEY,
        revision bigint NOT NULL,
        paused boolean NOT NULL,
        max_rows_per_second integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE IF NOT EXISTS odc_catalog.copy_running (
        migration_id text NOT NULL,
        copy_id text NOT NULL,
        seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (migration_id, copy_id));
      CREATE TABLE IF NOT EXISTS odc_catalog.copy_value_rewrite (
        migration_id text NOT NULL,
        app_key text NOT NULL,
        entity_key text NOT NULL,
        range_no integer NOT NULL,
        attribute text NOT NULL,
        nulls bigint NOT NULL DEFAULT 0,
        nul_characters bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (migration_id, app_key, entity_key, range_no, attribute));
      CREATE TABLE IF NOT EXISTS odc_catalog.dropped_foreign_key (
        schema_name text NOT NULL,
        constraint_name text NOT NULL,
        table_name text NOT NULL,
        definition text NOT NULL,
        dropped_by text NOT NULL,
        PRIMARY KEY (schema_name, constraint_name));
      """;

  /** The stage's end users, their O11 origin and their app roles. */
  private static final String IDENTITY =
      """
      CREATE SCHEMA IF NOT EXISTS odc_identity;
      CREATE TABLE IF NOT EXISTS odc_identity.end_user (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        email text NOT NULL,
        photo_url text NOT NULL DEFAULT '',
        is_active boolean NOT NULL);
      CREATE UNIQUE INDEX IF NOT EXISTS end_user_email ON odc_identity.end_user (lower(email));
      CREATE TABLE IF NOT EXISTS odc_identity.user_map (
        source_environment text NOT NULL,
        o11_user_id integer NOT NULL,
        user_id uuid NOT NULL REFERENCES odc_identity.end_user,
        PRIMARY KEY (source_environment, o11_user_id));
      CREATE TABLE IF NOT EXISTS odc_identity.user_role (
        user_id uuid NOT NULL REFERENCES odc_identity.end_user,
        app_key text NOT NULL,
        role_key text NOT NULL,
        PRIMARY KEY (user_id, app_key, role_key),
        FOREIGN KEY (app_key, role_key) REFERENCES odc_catalog.app_role ON DELETE CASCADE);
      """;

  /** Every statement, in an order that satisfies the references between the tables. */
  static final String DDL = APPS + BOOKKEEPING + IDENTITY;

  private CatalogSchema() {}
}
