#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests/core/test_postgres.py, on 127.0.0.1 with its data under /tmp.
#
#   TEST_POSTGRES_URL=$(scripts/postgres_test_server.sh) && export TEST_POSTGRES_URL
#   scripts/postgres_test_server.sh stop
#
# Prints only the URL on stdout (progress goes to stderr). Safe to run again: an installed PostgreSQL,
# an existing cluster, a running server, the role and the database are all reused.
# As root it installs Debian's postgresql when missing and runs the server as the postgres user;
# as another user it runs the server as that user (PostgreSQL must then be installed already).
# Settings: PGTEST_PORT (default 55432), PGTEST_DIR (default /tmp/besliswijzer-pgtest),
# PGTEST_DATABASE (default besliswijzer_test), PGTEST_DURABLE=1 keeps fsync on (make run-cluster
# uses this script for its own server under var/).
set -euo pipefail

PORT=${PGTEST_PORT:-55432}
DIR=${PGTEST_DIR:-/tmp/besliswijzer-pgtest}
ROLE=besliswijzer
PASSWORD=besliswijzer            # throwaway server, reachable from this machine only
DATABASE=${PGTEST_DATABASE:-besliswijzer_test}

say() { echo "postgres_test_server: $*" >&2; }

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

BIN=$(find_bin)
if [ -z "$BIN" ] && [ "$(id -u)" = 0 ]; then
    say "installing postgresql (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    BIN=$(find_bin)
fi
[ -n "$BIN" ] || { say "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin)"; exit 1; }

# Run a PostgreSQL program as the cluster's owner: never as root (PostgreSQL refuses that).
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = stop ]; then
    if [ -f "$DIR/data/postmaster.pid" ]; then as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2; fi
    exit 0
fi

if [ ! -f "$DIR/data/PG_VERSION" ]; then
    say "new cluster in $DIR/data"
    mkdir -p "$DIR"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$DIR"; fi
    # Local socket: only the cluster owner (peer); TCP: password, as the application connects in production.
    as_owner "$BIN/initdb" -D "$DIR/data" --auth-local=peer --auth-host=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi

if as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    running_port=$(sed -n 4p "$DIR/data/postmaster.pid")      # line 4 of the pid file: the port
    if [ "$running_port" != "$PORT" ]; then
        say "the server in $DIR already runs on port $running_port; stop it first"; exit 1
    fi
else
    say "starting on 127.0.0.1:$PORT"
    # Durability is pointless for a test server; turning it off makes schema resets fast.
    fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    # Durable: fsync stays on, so a crash never damages the data; it may lose the commits of
    # the last fraction of a second (synchronous_commit=off), which saves a disk flush per turn.
    [ "${PGTEST_DURABLE:-0}" = 1 ] && fast="-c synchronous_commit=off"
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 start \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c max_connections=200 $fast" \
        >/dev/null || { say "start failed; see $DIR/server.log"; tail -n 20 "$DIR/server.log" >&2; exit 1; }
fi

psql_admin() { as_owner "$BIN/psql" -h "$DIR" -p "$PORT" -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
role=$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")
[ -n "$role" ] || psql_admin -c "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'"
database=$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")
[ -n "$database" ] || psql_admin -c "CREATE DATABASE $DATABASE OWNER $ROLE"

echo "postgresql://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE"
