#!/usr/bin/env bash
# Entrypoint of the postgres stand-in: a small subset of the official image's one.
#
# Honours POSTGRES_USER (default postgres), POSTGRES_PASSWORD (required unless
# POSTGRES_HOST_AUTH_METHOD=trust), POSTGRES_DB (default = user), their *_FILE forms,
# POSTGRES_INITDB_ARGS, POSTGRES_HOST_AUTH_METHOD (default scram-sha-256) and PGDATA.
# On an empty data directory it runs initdb, starts a temporary server listening on
# the unix socket only, creates the database, runs /docker-entrypoint-initdb.d/*
# (*.sh, *.sql, *.sql.gz, *.sql.xz), stops it, and finally execs postgres (PID 1).
set -Eeo pipefail

log() { echo "$(date -u '+%Y-%m-%d %H:%M:%S UTC') [entrypoint] $*" >&2; }
die() { log "error: $*"; exit 1; }

# file_env VAR [DEFAULT]: VAR from $VAR, else from the file named by $VAR_FILE, else DEFAULT.
file_env() {
    local var="$1" file_var="${1}_FILE" def="${2:-}" val
    if [ -n "${!var:-}" ] && [ -n "${!file_var:-}" ]; then
        die "both $var and $file_var are set (but are exclusive)"
    fi
    val="$def"
    if [ -n "${!var:-}" ]; then
        val="${!var}"
    elif [ -n "${!file_var:-}" ]; then
        val="$(< "${!file_var}")"
    fi
    export "$var"="$val"
    unset "$file_var"
}

# As root: make the (possibly fresh, root-owned) volume ours, then re-exec as postgres.
fix_ownership_and_drop_root() {
    mkdir -p "$PGDATA" /var/run/postgresql
    chmod 00700 "$PGDATA" || :
    chmod 03775 /var/run/postgresql || :
    find "$PGDATA" \! -user postgres -exec chown postgres:postgres '{}' +
    find /var/run/postgresql \! -user postgres -exec chown postgres:postgres '{}' +
    exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
}

setup_env() {
    file_env POSTGRES_PASSWORD
    file_env POSTGRES_USER postgres
    file_env POSTGRES_DB "$POSTGRES_USER"
    file_env POSTGRES_INITDB_ARGS
    : "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"
    export POSTGRES_HOST_AUTH_METHOD
}

init_database_dir() {
    if [ -z "$POSTGRES_PASSWORD" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
        die "database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the superuser,
       or set POSTGRES_HOST_AUTH_METHOD=trust to allow all connections without a password."
    fi
    log "initializing database cluster in $PGDATA"
    # The process substitution must be in the initdb command itself to stay open.
    if [ -n "$POSTGRES_PASSWORD" ]; then
        # shellcheck disable=SC2086
        initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
            $POSTGRES_INITDB_ARGS
    else
        # shellcheck disable=SC2086
        initdb --username="$POSTGRES_USER" $POSTGRES_INITDB_ARGS
    fi
    printf '\nhost all all all %s\n' "$POSTGRES_HOST_AUTH_METHOD" >> "$PGDATA/pg_hba.conf"
}

# psql as the superuser over the unix socket of the temporary server.
run_psql() {
    PGPASSWORD="${PGPASSWORD:-$POSTGRES_PASSWORD}" psql -v ON_ERROR_STOP=1 \
        --username "$POSTGRES_USER" --no-password --no-psqlrc "$@"
}

temp_server_start() {
    log "starting temporary server (unix socket only)"
    PGUSER="$POSTGRES_USER" pg_ctl -D "$PGDATA" -w -t 60 \
        -o "-c listen_addresses='' -p 5432" start
}

temp_server_stop() {
    PGUSER="$POSTGRES_USER" pg_ctl -D "$PGDATA" -m fast -w stop
    log "temporary server stopped"
}

create_db() {
    local exists
    [ "$POSTGRES_DB" = postgres ] && return 0
    exists="$(run_psql --dbname postgres -tA --set db="$POSTGRES_DB" \
        <<< "SELECT 1 FROM pg_database WHERE datname = :'db';")"
    if [ -z "$exists" ]; then
        run_psql --dbname postgres --set db="$POSTGRES_DB" <<< 'CREATE DATABASE :"db";'
        log "created database $POSTGRES_DB"
    fi
}

run_initdb_d() {
    local f
    for f in /docker-entrypoint-initdb.d/*; do
        [ -e "$f" ] || continue
        case "$f" in
            *.sh)
                if [ -x "$f" ]; then log "running $f"; "$f"
                else
                    log "sourcing $f"
                    # shellcheck source=/dev/null
                    . "$f"
                fi ;;
            *.sql)    log "running $f"; run_psql --dbname "$POSTGRES_DB" -f "$f" ;;
            *.sql.gz) log "running $f"; gunzip -c "$f" | run_psql --dbname "$POSTGRES_DB" ;;
            *.sql.xz) log "running $f"; xz -dc "$f" | run_psql --dbname "$POSTGRES_DB" ;;
            *)        log "ignoring $f" ;;
        esac
    done
}

main() {
    if [ "${1:0:1}" = '-' ]; then
        set -- postgres "$@"
    fi
    if [ "$1" != postgres ]; then
        exec "$@"
    fi
    if [ "$(id -u)" = 0 ]; then
        fix_ownership_and_drop_root "$@"
    fi
    if [ ! -s "$PGDATA/PG_VERSION" ]; then
        setup_env
        init_database_dir
        temp_server_start
        create_db
        run_initdb_d
        temp_server_stop
        log "PostgreSQL init process complete; ready for start up."
    else
        log "PostgreSQL database directory appears to contain a database; skipping initialization"
    fi
    unset PGPASSWORD
    exec "$@"
}

main "$@"
