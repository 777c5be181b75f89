#!/bin/sh
# Registers the namespace odc-migrate uses (the server image, unlike auto-setup, registers none),
# then stays up as the box to run the temporal CLI in:
#   docker compose -f docker/compose.yaml exec temporal-admin-tools temporal workflow list
set -eu
namespace=${DEFAULT_NAMESPACE:-default}

until temporal operator cluster health >/dev/null 2>&1; do
  echo "waiting for Temporal at $TEMPORAL_ADDRESS"
  sleep 2
done
if ! temporal operator namespace describe --namespace "$namespace" >/dev/null 2>&1; then
  temporal operator namespace create --namespace "$namespace" --retention 168h
fi
echo "namespace $namespace is registered"
exec tail -f /dev/null
