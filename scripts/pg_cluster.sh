#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the test suite.
#
#   scripts/pg_cluster.sh start          # init + start (no-op if already running)
#   scripts/pg_cluster.sh url            # the application role's DATABASE_URL
#   scripts/pg_cluster.sh owner-url      # the owner role's DATABASE_OWNER_URL (migrations, test databases)
#   scripts/pg_cluster.sh superuser-url  # DATABASE_SUPERUSER_URL (postgres over the private socket)
#   scripts/pg_cluster.sh stop           # stop it and delete its data directory
#
# Private port (PGPORT_TDKT, default 55432), listens on 127.0.0.1 only, private unix
# socket directory, durability off for speed. The roles of docs/operations.md ("Database roles"):
# tdkt_owner/tdkt_owner (CREATEDB, owns database tdkt and everything migrations create) and the
# application role tdkt/tdkt (LOGIN only: owns nothing, gets row privileges from the owner after
# migrate). The unaccent and pg_trgm extensions are created by the superuser in template1 and tdkt,
# so every database made from template1 (test databases too) has them.
# initdb refuses to run as root, so as root the server runs as the postgres OS user.
set -euo pipefail

PORT="${PGPORT_TDKT:-55432}"
DATA_ROOT="/tmp/tdkt-pg-$PORT"
DATA="$DATA_ROOT/data"
SOCK="$DATA_ROOT/sock"
LOG="$DATA_ROOT/server.log"

# PostgreSQL 15 binaries: Debian keeps them off PATH in /usr/lib/postgresql/15/bin.
find_bindir() {
    if [ -x /usr/lib/postgresql/15/bin/initdb ]; then
        echo /usr/lib/postgresql/15/bin
    elif command -v initdb >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v initdb)")"
    else
        echo "PostgreSQL server binaries (initdb) not found: apt-get install -y postgresql-15" >&2
        exit 1
    fi
}
BIN="$(find_bindir)"

# Run a command as the cluster owner (postgres when we are root), from a directory it can read.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd /tmp && runuser -u postgres -- "$@")
    else
        (cd /tmp && "$@")
    fi
}

is_running() {
    [ -f "$DATA/PG_VERSION" ] && as_owner "$BIN/pg_ctl" status -D "$DATA" >/dev/null 2>&1
}

psql_owner() {
    as_owner "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -p "$PORT" -d postgres "$@"
}

start() {
    if is_running; then
        echo "PostgreSQL already running on 127.0.0.1:$PORT ($DATA)"
        return 0
    fi
    # Throwaway: a stopped or half-made cluster is simply made again.
    rm -rf "$DATA_ROOT"
    mkdir -p "$DATA" "$SOCK"
    chmod 700 "$DATA"
    if [ "$(id -u)" -eq 0 ]; then
        chown -R postgres:postgres "$DATA_ROOT"
    fi

    local locale=C.UTF-8
    locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$' || locale=en_US.UTF-8
    as_owner "$BIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale="$locale" \
        --auth-local=trust --auth-host=scram-sha-256 >"$DATA_ROOT/initdb.log" 2>&1 \
        || { cat "$DATA_ROOT/initdb.log" >&2; exit 1; }

    cat >>"$DATA/postgresql.conf" <<CONF
# tdkt throwaway test cluster
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$SOCK'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
CONF

    if ! as_owner "$BIN/pg_ctl" start -w -t 60 -D "$DATA" -l "$LOG" >/dev/null; then
        echo "PostgreSQL failed to start (port $PORT in use?); log follows:" >&2
        cat "$LOG" >&2 || true
        exit 1
    fi

    psql_owner -c "CREATE ROLE tdkt_owner LOGIN NOSUPERUSER CREATEDB NOCREATEROLE PASSWORD 'tdkt_owner'" \
               -c "CREATE ROLE tdkt LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD 'tdkt'" \
               -c "CREATE DATABASE tdkt OWNER tdkt_owner"
    # The migrations need these contrib extensions (Debian's postgresql-15 ships them).
    for db in template1 tdkt; do
        psql_owner -d "$db" -c "CREATE EXTENSION IF NOT EXISTS unaccent" \
                            -c "CREATE EXTENSION IF NOT EXISTS pg_trgm" \
            || { echo "contrib extensions unaccent/pg_trgm are missing from this PostgreSQL" >&2; exit 1; }
    done
    echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') running on 127.0.0.1:$PORT ($DATA)"
}

stop() {
    if is_running; then
        as_owner "$BIN/pg_ctl" stop -D "$DATA" -m fast -w >/dev/null
        echo "PostgreSQL on port $PORT stopped"
    fi
    rm -rf "$DATA_ROOT"
}

url() {
    echo "postgres://tdkt:tdkt@127.0.0.1:$PORT/tdkt"
}

owner_url() {
    echo "postgres://tdkt_owner:tdkt_owner@127.0.0.1:$PORT/tdkt"
}

# The socket directory as the URL's host, percent-encoded (libpq and dj-database-url both read it).
superuser_url() {
    echo "postgres://postgres@${SOCK//\//%2F}:$PORT/tdkt"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) url ;;
    owner-url) owner_url ;;
    superuser-url) superuser_url ;;
    *) echo "usage: $0 start|stop|url|owner-url|superuser-url" >&2; exit 2 ;;
esac
