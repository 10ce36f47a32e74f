#!/usr/bin/env bash
# Start the database servers the server tests (tests/matrix/test_servers.py) run
# generated projects against: PostgreSQL and MariaDB from Debian's packages, on 127.0.0.1 only.
# MariaDB stands for MySQL too: both use the same driver (mysqlclient), built here from source.
#
# Idempotent, for a Debian bookworm machine as root with no systemd, once .ci/run has
# installed the packages (.ci/packages.sh). It sets
# NEWPROJ_TEST_POSTGRES_URL and NEWPROJ_TEST_MYSQL_URL (the tests add /<database>): sourced
# (`source .ci/databases.sh`) it exports them; run, it prints only the lines to evaluate on
# stdout (progress goes to stderr), so a caller can write  eval "$(bash .ci/databases.sh)".
set -euo pipefail

USER_NAME=newproj
PASSWORD=newproj
# shellcheck source=packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/packages.sh"

log() { printf 'databases.sh: %s\n' "$*" >&2; }

check_packages() {  # .ci/run installs them (one apt step for every test tier)
    local missing
    missing=$(missing_packages | tr '\n' ' ')
    if [[ -n $missing ]]; then
        log "missing Debian packages: ${missing% }; run bash .ci/run (it installs them)"
        return 1
    fi
}

wait_for() {  # wait_for WHAT COMMAND...: retry COMMAND for up to 60 s
    local what=$1
    shift
    for _ in $(seq 1 120); do
        if "$@" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.5
    done
    log "$what did not come up in 60 s"
    return 1
}

start_postgres() {
    local version
    version=$(pg_lsclusters --no-header 2>/dev/null | awk '$2 == "main" {print $1; exit}')
    if [[ -z $version ]]; then
        version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
        log "creating PostgreSQL $version cluster main"
        pg_createcluster "$version" main >&2
    fi
    if pg_lsclusters --no-header | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
        log "PostgreSQL $version already running"
    else
        log "starting PostgreSQL $version"
        pg_ctlcluster "$version" main start >&2
    fi
    wait_for PostgreSQL pg_isready -q -h 127.0.0.1 -p 5432
    # CREATEDB for Django's test database; SUPERUSER so tests may create extensions.
    su postgres -c "psql -v ON_ERROR_STOP=1 -q" >&2 <<SQL
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$USER_NAME') THEN
        CREATE ROLE $USER_NAME LOGIN;
    END IF;
END
\$\$;
ALTER ROLE $USER_NAME WITH LOGIN CREATEDB SUPERUSER PASSWORD '$PASSWORD';
SQL
}

mariadb_up() {
    mariadb-admin --protocol=socket ping --silent
}

start_mariadb() {
    if mariadb_up >/dev/null 2>&1; then
        log "MariaDB already running"
    else
        log "starting MariaDB"
        install -d -o mysql -g mysql /run/mysqld
        if [[ ! -d /var/lib/mysql/mysql ]]; then
            log "initialising the MariaDB data folder"
            mariadb-install-db --user=mysql --datadir=/var/lib/mysql >&2
        fi
        # No systemd here: run the server itself in the background, as Debian's init script would.
        setsid nohup /usr/sbin/mariadbd --user=mysql --bind-address=127.0.0.1 --port=3306 \
            </dev/null >/var/log/newproj-mariadb.log 2>&1 &
    fi
    wait_for MariaDB mariadb_up
    mariadb --protocol=socket -u root >&2 <<SQL
CREATE USER IF NOT EXISTS '$USER_NAME'@'localhost' IDENTIFIED BY '$PASSWORD';
CREATE USER IF NOT EXISTS '$USER_NAME'@'127.0.0.1' IDENTIFIED BY '$PASSWORD';
ALTER USER '$USER_NAME'@'localhost' IDENTIFIED BY '$PASSWORD';
ALTER USER '$USER_NAME'@'127.0.0.1' IDENTIFIED BY '$PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$USER_NAME'@'localhost' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO '$USER_NAME'@'127.0.0.1' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
    wait_for "MariaDB on 127.0.0.1" \
        mariadb -h 127.0.0.1 -P 3306 -u "$USER_NAME" "-p$PASSWORD" -e 'SELECT 1'
}

check_packages
start_postgres
start_mariadb
log "ready"
export NEWPROJ_TEST_POSTGRES_URL="postgres://$USER_NAME:$PASSWORD@127.0.0.1:5432"
export NEWPROJ_TEST_MYSQL_URL="mysql://$USER_NAME:$PASSWORD@127.0.0.1:3306"
echo "export NEWPROJ_TEST_POSTGRES_URL=$NEWPROJ_TEST_POSTGRES_URL"
echo "export NEWPROJ_TEST_MYSQL_URL=$NEWPROJ_TEST_MYSQL_URL"
