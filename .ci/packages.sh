#!/usr/bin/env bash
# The Debian packages the tests need, and one function that installs the missing ones in a
# single apt step. Sourced by .ci/run (which installs) and .ci/databases.sh (which checks).
# No test installs system packages: the Docker tier fails with one line naming .ci/run
# when debootstrap is missing.

DEBIAN_PACKAGES=(
    postgresql mariadb-server                               # server tier (.ci/databases.sh)
    default-libmysqlclient-dev pkg-config gcc python3-dev   # mysqlclient, built from source
    debootstrap                                             # Docker tier: stand-in base images
    chromium chromium-driver                                # browser tier: the page of newproj serve
    git ca-certificates
)
# Other programs (and other checkouts' CI) may use apt at the same time: one at a time.
APT_LOCK=/tmp/newproj-apt.lock

missing_packages() {
    local package
    for package in "${DEBIAN_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$' \
            || printf '%s\n' "$package"
    done
}

install_debian_packages() {
    local missing
    mapfile -t missing < <(missing_packages)
    if ((${#missing[@]} == 0)); then
        echo "packages.sh: all ${#DEBIAN_PACKAGES[@]} Debian packages already installed" >&2
        return
    fi
    echo "packages.sh: installing ${missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive flock "$APT_LOCK" sh -c \
        'apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@"' apt "${missing[@]}" >&2
}
