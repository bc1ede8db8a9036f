#!/bin/sh
# Ensures a local PostgreSQL for the tests: installs Debian's postgresql if missing, creates and starts a
# cluster named "sitroom" on PORT (default 55432), creates role and database, and prints the URL to export
# as SITROOM_TEST_POSTGRES_URL. Idempotent. Needs root (or sudo).
set -eu
PORT="${PORT:-55432}"
CLUSTER=sitroom
DB=sitroom_test
ROLE=sitroom
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

if ! command -v pg_createcluster >/dev/null 2>&1; then
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
VERSION="$(ls /usr/lib/postgresql | sort -n | tail -1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION $CLUSTER"; then
    $SUDO pg_createcluster "$VERSION" "$CLUSTER" -p "$PORT" >&2
fi
$SUDO pg_ctlcluster "$VERSION" "$CLUSTER" start >&2 2>/dev/null || true

as_postgres() { $SUDO su postgres -c "psql -p $PORT -v ON_ERROR_STOP=1 -qtAc \"$1\""; }
if [ "$(as_postgres "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != "1" ]; then
    as_postgres "CREATE ROLE $ROLE LOGIN PASSWORD '$ROLE'"
fi
if [ "$(as_postgres "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != "1" ]; then
    as_postgres "CREATE DATABASE $DB OWNER $ROLE"
fi
echo "postgresql+psycopg://$ROLE:$ROLE@127.0.0.1:$PORT/$DB"
