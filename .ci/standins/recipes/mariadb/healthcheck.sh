#!/usr/bin/env bash
# healthcheck.sh of the mariadb stand-in: the subset of the official image's script that
# compose files use. Every test talks to the server over TCP on 127.0.0.1, so nothing
# passes while the init-time temporary server (networking disabled) is running.
#
#   --connect               the server answers over TCP (even an "access denied" is an answer)
#   --innodb_initialized    InnoDB is available
#   --mariadbupgrade        accepted, always passes (no upgrade handling here)
# Accepted and ignored: --su-mysql, --su=*, --no-defaults, --defaults-file=*,
# --defaults-extra-file=*, --defaults-group-suffix=*, --datadir=*.
set -uo pipefail

DATADIR=/var/lib/mysql
TESTS=()

usage() { echo "usage: $0 [--connect] [--innodb_initialized]" >&2; exit 1; }

# query SQL: run SQL as the healthcheck user over TCP; prints the result, returns mariadb's status.
query() {
    local cnf="$DATADIR/.my-healthcheck.cnf" args=()
    [ -r "$cnf" ] && args=(--defaults-extra-file="$cnf")
    mariadb "${args[@]}" --protocol=tcp -h 127.0.0.1 -P 3306 --connect-timeout=3 \
        --skip-column-names --batch -e "$1" 2>&1
}

check_connect() {
    local out
    out="$(query 'SELECT 1')" && return 0
    case "$out" in
        *"Can't connect"* | *"Lost connection"* | *"ERROR 2002"* | *"ERROR 2003"* | *"ERROR 2013"*)
            echo "healthcheck connect failed: $out" >&2; return 1 ;;
    esac
    return 0
}

check_query_is_1() {
    local out
    out="$(query "$1")" || { echo "healthcheck $2 failed: $out" >&2; return 1; }
    [ "$out" = 1 ] || { echo "healthcheck $2 failed" >&2; return 1; }
}

for arg in "$@"; do
    case "$arg" in
        --connect | --innodb_initialized | --mariadbupgrade)
            TESTS+=("${arg#--}") ;;
        --datadir=*) DATADIR="${arg#--datadir=}" ;;
        --su-mysql | --su=* | --no-defaults | --defaults-file=* | --defaults-extra-file=* | \
        --defaults-group-suffix=*) ;;
        *) echo "healthcheck.sh: unsupported option $arg" >&2; usage ;;
    esac
done
[ "${#TESTS[@]}" -gt 0 ] || usage

for t in "${TESTS[@]}"; do
    case "$t" in
        connect) check_connect || exit 1 ;;
        innodb_initialized)
            check_query_is_1 "SELECT 1 FROM information_schema.ENGINES WHERE engine = 'InnoDB' AND support IN ('YES', 'DEFAULT', 'ENABLED')" "$t" || exit 1 ;;
        mariadbupgrade) ;;
    esac
done
exit 0
