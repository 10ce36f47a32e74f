#!/usr/bin/env bash
# Entrypoint of the mariadb / mysql stand-in: a small subset of the official images' one.
#
# Honours MARIADB_ROOT_PASSWORD, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD,
# MARIADB_RANDOM_ROOT_PASSWORD, MARIADB_ROOT_HOST (default %), MARIADB_DATABASE,
# MARIADB_USER, MARIADB_PASSWORD, MARIADB_INITDB_SKIP_TZINFO, their MYSQL_*
# equivalents (MYSQL_ALLOW_EMPTY_PASSWORD for the empty root password) and *_FILE forms.
# On an empty data directory it runs mariadb-install-db, starts a temporary server
# with networking disabled, creates the users and database, runs
# /docker-entrypoint-initdb.d/* (*.sh, *.sql, *.sql.gz, *.sql.xz, *.sql.zst) as root,
# stops it, then execs the server (PID 1, listening on port 3306 on all addresses).
set -Eeo pipefail

log() { echo "$(date -u '+%Y-%m-%d %H:%M:%S UTC') [entrypoint] $*" >&2; }
die() { log "error: $*"; exit 1; }

# env_alias NAME: export MARIADB_NAME from MARIADB_NAME, MARIADB_NAME_FILE, MYSQL_NAME
# or MYSQL_NAME_FILE (first non-empty wins). A second argument overrides the MYSQL_ name.
env_alias() {
    local var="MARIADB_$1" alt="MYSQL_${2:-$1}" v f val=""
    for v in "$var" "$alt"; do
        f="${v}_FILE"
        if [ -n "${!v:-}" ]; then val="${!v}"; break; fi
        if [ -n "${!f:-}" ]; then val="$(< "${!f}")"; break; fi
    done
    export "$var"="$val"
}

setup_env() {
    env_alias ROOT_PASSWORD
    env_alias ALLOW_EMPTY_ROOT_PASSWORD ALLOW_EMPTY_PASSWORD
    env_alias RANDOM_ROOT_PASSWORD
    env_alias ROOT_HOST
    env_alias DATABASE
    env_alias USER
    env_alias PASSWORD
    env_alias INITDB_SKIP_TZINFO
    : "${MARIADB_ROOT_HOST:=%}"
}

is_server() {
    case "$1" in mariadbd | mysqld | */mariadbd | */mysqld) return 0 ;; esac
    return 1
}

# SERVER_ARGS=("$@") minus options that only MySQL knows (compose files written for
# mysql:8 often pass them); MariaDB would refuse to start on them.
filter_mysql_only_options() {
    local a
    SERVER_ARGS=()
    for a in "$@"; do
        case "$a" in
            --default-authentication-plugin=* | --default_authentication_plugin=* | \
            --mysql-native-password=* | --mysql_native_password=* | \
            --authentication-policy=* | --authentication_policy=* | \
            --mysqlx* | --skip-mysqlx | --skip-host-cache)
                log "ignoring MySQL-only option $a" ;;
            *) SERVER_ARGS+=("$a") ;;
        esac
    done
}

# server_config NAME ARGS...: the value the server would use for option NAME.
server_config() {
    local name="$1"; shift
    "$@" --verbose --help 2> /dev/null | awk -v n="$name" '$1 == n { print $2; exit }'
}

random_password() { od -An -tx1 -N16 /dev/urandom | tr -d ' \n'; }
sql_escape() { local s="${1//\\/\\\\}"; printf '%s' "${s//\'/\\\'}"; }
ident_escape() { printf '%s' "${1//\`/\`\`}"; }
cnf_escape() { local s="${1//\\/\\\\}"; printf '%s' "${s//\"/\\\"}"; }

# As root: make the (possibly fresh, root-owned) volume ours, then re-exec as mysql.
fix_ownership_and_drop_root() {
    mkdir -p "$DATADIR" /run/mysqld
    find "$DATADIR" /run/mysqld \! -user mysql -exec chown mysql:mysql '{}' +
    exec setpriv --reuid=mysql --regid=mysql --init-groups "${BASH_SOURCE[0]}" "$@"
}

verify_env() {
    if [ -z "$MARIADB_ROOT_PASSWORD" ] && [ -z "$MARIADB_ALLOW_EMPTY_ROOT_PASSWORD" ] \
        && [ -z "$MARIADB_RANDOM_ROOT_PASSWORD" ]; then
        die "database is uninitialized and password option is not specified.
       You need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD_FILE,
       MARIADB_ALLOW_EMPTY_ROOT_PASSWORD or MARIADB_RANDOM_ROOT_PASSWORD
       (or the MYSQL_* equivalents)"
    fi
    if [ "$MARIADB_USER" = root ]; then
        die "MARIADB_USER=root: the root user is already created; use MARIADB_ROOT_PASSWORD"
    fi
    if [ -n "$MARIADB_USER" ] && [ -z "$MARIADB_PASSWORD" ]; then
        die "MARIADB_USER is set but MARIADB_PASSWORD is empty"
    fi
}

install_db() {
    log "initializing database files in $DATADIR"
    mariadb-install-db --datadir="$DATADIR" --rpm --cross-bootstrap \
        --auth-root-authentication-method=normal --skip-test-db \
        --default-time-zone=SYSTEM --skip-log-bin --expire-logs-days=0 \
        --loose-innodb_buffer_pool_load_at_startup=0 \
        --loose-innodb_buffer_pool_dump_at_shutdown=0 \
        "${SERVER_ARGS[@]:1}"
}

temp_server_start() {
    log "starting temporary server (networking disabled)"
    "${SERVER_ARGS[@]}" --skip-networking --default-time-zone=SYSTEM --socket="$SOCKET" \
        --loose-wsrep_on=OFF --skip-log-bin --expire-logs-days=0 \
        --loose-innodb_buffer_pool_load_at_startup=0 \
        --loose-innodb_buffer_pool_dump_at_shutdown=0 &
    TEMP_PID=$!
    local _
    for _ in $(seq 60); do
        if mariadb --protocol=socket --socket="$SOCKET" -uroot -e 'SELECT 1' > /dev/null 2>&1; then
            return 0
        fi
        kill -0 "$TEMP_PID" 2> /dev/null || die "temporary server exited during start"
        sleep 1
    done
    die "temporary server did not start within 60 s"
}

temp_server_stop() {
    kill "$TEMP_PID"
    wait "$TEMP_PID" || die "temporary server did not stop cleanly"
    log "temporary server stopped"
}

# process_sql [ARGS...]: run SQL from stdin as root over the socket.
process_sql() {
    mariadb --defaults-extra-file=<(printf '[client]\npassword="%s"\n' \
        "$(cnf_escape "$MARIADB_ROOT_PASSWORD")") \
        --protocol=socket --socket="$SOCKET" -uroot --batch "$@"
}

load_timezones() {
    if [ -z "$MARIADB_INITDB_SKIP_TZINFO" ]; then
        mariadb-tzinfo-to-sql /usr/share/zoneinfo 2> /dev/null \
            | mariadb --protocol=socket --socket="$SOCKET" -uroot mysql
    fi
}

# Emit the SQL creating root@ROOT_HOST, the healthcheck user, the database and the user.
setup_sql() {
    local root_pw hc_pw="$1"
    root_pw="$(sql_escape "$MARIADB_ROOT_PASSWORD")"
    cat << EOSQL
SET @@SESSION.SQL_LOG_BIN=0;
SET @@SESSION.SQL_MODE=REPLACE(@@SESSION.SQL_MODE, 'NO_BACKSLASH_ESCAPES', '');
DROP USER IF EXISTS root@'127.0.0.1', root@'::1';
EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS root@\'', @@hostname, '\'');
SET PASSWORD FOR 'root'@'localhost' = PASSWORD('$root_pw');
EOSQL
    if [ "$MARIADB_ROOT_HOST" != localhost ]; then
        local host
        host="$(sql_escape "$MARIADB_ROOT_HOST")"
        cat << EOSQL
CREATE USER 'root'@'$host' IDENTIFIED BY '$root_pw';
GRANT ALL ON *.* TO 'root'@'$host' WITH GRANT OPTION;
GRANT PROXY ON ''@'%' TO 'root'@'$host' WITH GRANT OPTION;
EOSQL
    fi
    local h
    for h in 127.0.0.1 ::1 localhost; do
        echo "CREATE USER 'healthcheck'@'$h' IDENTIFIED BY '$hc_pw';"
    done
    if [ -n "$MARIADB_DATABASE" ]; then
        echo "CREATE DATABASE IF NOT EXISTS \`$(ident_escape "$MARIADB_DATABASE")\`;"
    fi
    if [ -n "$MARIADB_USER" ]; then
        local user
        user="$(sql_escape "$MARIADB_USER")"
        echo "CREATE USER '$user'@'%' IDENTIFIED BY '$(sql_escape "$MARIADB_PASSWORD")';"
        if [ -n "$MARIADB_DATABASE" ]; then
            echo "GRANT ALL ON \`$(ident_escape "$MARIADB_DATABASE")\`.* TO '$user'@'%';"
        fi
    fi
}

write_healthcheck_cnf() {
    local file="$DATADIR/.my-healthcheck.cnf"
    printf '[client]\nport=3306\nsocket=%s\nuser=healthcheck\npassword="%s"\n' \
        "$SOCKET" "$1" > "$file"
    chmod 600 "$file"
}

run_initdb_d() {
    local f db_args=()
    [ -n "$MARIADB_DATABASE" ] && db_args=(--database="$MARIADB_DATABASE")
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
            *.sql)     log "running $f"; process_sql "${db_args[@]}" < "$f" ;;
            *.sql.gz)  log "running $f"; gunzip -c "$f" | process_sql "${db_args[@]}" ;;
            *.sql.xz)  log "running $f"; xz -dc "$f" | process_sql "${db_args[@]}" ;;
            *.sql.zst) log "running $f"; zstd -dc "$f" | process_sql "${db_args[@]}" ;;
            *)         log "ignoring $f" ;;
        esac
    done
}

init_database() {
    setup_env
    verify_env
    if [ -n "$MARIADB_RANDOM_ROOT_PASSWORD" ] && [ -z "$MARIADB_ROOT_PASSWORD" ]; then
        MARIADB_ROOT_PASSWORD="$(random_password)"
        export MARIADB_ROOT_PASSWORD
        log "GENERATED ROOT PASSWORD: $MARIADB_ROOT_PASSWORD"
    fi
    install_db
    temp_server_start
    load_timezones
    local hc_pw
    hc_pw="$(random_password)"
    # root has no password yet: this first batch runs without one.
    setup_sql "$hc_pw" | mariadb --protocol=socket --socket="$SOCKET" -uroot --batch
    write_healthcheck_cnf "$hc_pw"
    run_initdb_d
    temp_server_stop
    log "MariaDB init process done. Ready for start up."
}

main() {
    if [ "${1:0:1}" = '-' ]; then
        set -- mariadbd "$@"
    fi
    if ! is_server "$1"; then
        exec "$@"
    fi
    filter_mysql_only_options "$@"
    set -- "${SERVER_ARGS[@]}"
    DATADIR="$(server_config datadir "$@")"
    DATADIR="${DATADIR:-/var/lib/mysql}"
    DATADIR="${DATADIR%/}"
    SOCKET="$(server_config socket "$@")"
    SOCKET="${SOCKET:-/run/mysqld/mysqld.sock}"
    if [ "$(id -u)" = 0 ]; then
        fix_ownership_and_drop_root "$@"
    fi
    if [ ! -d "$DATADIR/mysql" ]; then
        init_database
    else
        log "MariaDB data directory appears to contain a database; skipping initialization"
    fi
    exec "$@"
}

main "$@"
