#!/bin/sh
# Creates Temporal's two databases on PostgreSQL and brings their schemas to this admin-tools
# image's version. Safe to run on every start: existing databases are only updated.
set -eu

tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" "$@"
}

until nc -z "$POSTGRES_SEEDS" "$DB_PORT"; do
  echo "waiting for PostgreSQL at $POSTGRES_SEEDS:$DB_PORT"
  sleep 1
done

for pair in temporal:temporal temporal_visibility:visibility; do
  db=${pair%%:*}
  schema=/etc/temporal/schema/postgresql/v12/${pair#*:}/versioned
  # Fails when the database exists already, which is fine: the schema steps below decide.
  tool --db "$db" create || echo "database $db exists"
  # update-schema fails only where no schema was set up yet; setup-schema must never run twice,
  # it would reset the recorded version.
  if ! tool --db "$db" update-schema -d "$schema"; then
    tool --db "$db" setup-schema -v 0.0
    tool --db "$db" update-schema -d "$schema"
  fi
done
echo "Temporal schemas are up to date"
