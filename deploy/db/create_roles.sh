#!/usr/bin/env bash
# Create the two PostgreSQL roles and the database of docs/operations.md ("Database roles"), once, as a superuser:
#
#   sudo -u postgres deploy/db/create_roles.sh [DBNAME]          # passwords asked for, or
#   OWNER_PASSWORD=… APP_PASSWORD=… sudo -E -u postgres deploy/db/create_roles.sh tdkt
#
# The owner (tdkt_owner) owns the database and everything migrations create; the application role (tdkt)
# owns nothing and gets row privileges from the owner after each migrate (tdkt.audit.dbroles). Then, as the
# owner: DATABASE_ROLE=owner DATABASE_OWNER_URL=postgres://tdkt_owner:…@host/tdkt manage.py migrate
# Connection: libpq's variables (PGHOST, PGPORT, PGUSER…); role names OWNER_ROLE / APP_ROLE.
# Safe to run again: existing roles keep their passwords unless new ones are given.
set -euo pipefail

DB="${1:-tdkt}"
OWNER_ROLE="${OWNER_ROLE:-tdkt_owner}"
APP_ROLE="${APP_ROLE:-tdkt}"

ask() {  # ask NAME PROMPT: the password from the environment, else from the terminal (not echoed)
    local value="${!1:-}"
    if [ -z "$value" ] && [ -t 0 ]; then
        read -r -s -p "$2: " value; echo >&2
    fi
    printf '%s' "$value"
}
OWNER_PASSWORD="$(ask OWNER_PASSWORD "Password of $OWNER_ROLE (empty: keep)")"
APP_PASSWORD="$(ask APP_PASSWORD "Password of $APP_ROLE (empty: keep)")"

# Passwords go through psql variables (:'name' quotes them): never spliced into SQL by the shell.
psql -X -q -v ON_ERROR_STOP=1 -d postgres \
    -v owner="$OWNER_ROLE" -v app="$APP_ROLE" -v db="$DB" \
    -v owner_password="$OWNER_PASSWORD" -v app_password="$APP_PASSWORD" <<'SQL'
SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner') AS make_owner,
       NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app') AS make_app,
       NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') AS make_db \gset
\if :make_owner
CREATE ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
\endif
\if :make_app
-- Member of no role, owns nothing: it cannot lift the triggers that protect signed decisions and the audit log.
CREATE ROLE :"app" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
\endif
SELECT :'owner_password' <> '' AS set_owner, :'app_password' <> '' AS set_app \gset
\if :set_owner
ALTER ROLE :"owner" PASSWORD :'owner_password';
\endif
\if :set_app
ALTER ROLE :"app" PASSWORD :'app_password';
\endif
\if :make_db
CREATE DATABASE :"db" OWNER :"owner" ENCODING 'UTF8' TEMPLATE template0;
\endif
-- Nobody but the owner may create objects or connect by default.
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"app";
\c :"db"
SET client_min_messages = warning;  -- a second run: no notice for what exists already
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
echo "Roles $OWNER_ROLE (owner) and $APP_ROLE (application) and database $DB ready."
echo "Next, as the owner: DATABASE_ROLE=owner DATABASE_OWNER_URL=postgres://$OWNER_ROLE:…@HOST/$DB manage.py migrate"
