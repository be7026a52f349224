#!/usr/bin/env bash
# Installs (if needed) and starts a throwaway PostgreSQL on loopback; prints its DATABASE_URL.
# Usage: eval "$(bash .ci/start-postgres.sh)"   (PGPORT defaults to 55432)
set -euo pipefail
port="${PGPORT:-55432}"
data="${PGDATA_DIR:-/tmp/tend-pg-$port}"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
fi
bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if ! run "$bin/pg_ctl -D $data status" >/dev/null 2>&1; then
  rm -rf "$data"; mkdir -p "$data"; [ "$(id -u)" = 0 ] && chown postgres "$data"
  run "$bin/initdb -D $data -A trust -U postgres --no-sync" >/dev/null
  run "$bin/pg_ctl -D $data -o '-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200' -l $data/log -w start" >/dev/null
fi
echo "export TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:$port/postgres"
