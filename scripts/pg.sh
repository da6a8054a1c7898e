#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for tests and benchmarks.
#   eval "$(bash scripts/pg.sh start)"   # prints export lines for SIGHTLINE_TEST_DATABASE_URL
#   bash scripts/pg.sh stop
# Installs Debian's postgresql when missing. Runs the server as the postgres user (initdb refuses root).
set -euo pipefail
PGPORT=${PGPORT:-55432}
STATE=${SIGHTLINE_PG_DIR:-/tmp/sightline-pg}
cmd=${1:-start}

pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "$cmd" = stop ]; then
  BIN=$(pgbin)
  [ -n "$BIN" ] && [ -d "$STATE/data" ] && as_pg "$BIN/pg_ctl" -D "$STATE/data" -m fast stop >/dev/null 2>&1 || true
  exit 0
fi

if [ -z "$(pgbin)" ]; then
  echo "installing postgresql…" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2 && $SUDO apt-get install -y -qq postgresql >/dev/null
fi
BIN=$(pgbin)
if ! as_pg "$BIN/pg_ctl" -D "$STATE/data" status >/dev/null 2>&1; then
  rm -rf "$STATE" && mkdir -p "$STATE/data"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$STATE"
  as_pg "$BIN/initdb" -D "$STATE/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_pg "$BIN/pg_ctl" -D "$STATE/data" -l "$STATE/log" -w \
    -o "-p $PGPORT -k $STATE -c listen_addresses=127.0.0.1 -c max_connections=200 -c synchronous_commit=off" start >/dev/null
fi
echo "export SIGHTLINE_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/postgres"
