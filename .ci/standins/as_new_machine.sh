#!/usr/bin/env bash
# Run .ci/run from a fresh clone as a brand-new machine of this kind would, on a used one:
# no debootstrap, no stand-in cache, no stand-in images, no build cache, and other programs
# holding port 8000 and ports 18000-18099. As root, from a checkout, ONCE (it takes the
# engine lock for the whole run; every other Docker user of the machine waits):
#
#     bash .ci/standins/as_new_machine.sh [CLONE_DIR]     (default /tmp/newproj-new-machine)
#
# Prints the wall time of .ci/run and exits with its status.
set -euo pipefail
source_repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
clone=${1:-/tmp/newproj-new-machine}
standin_tags=(python:3.11-slim python:3.13-slim python:3.14-slim python:3.15-slim
              postgres:17 mariadb:11.8 mysql:8.4 redis:8)

exec 9>/tmp/newproj-docker.lock
flock 9
echo "as_new_machine: holding the engine lock"
DEBIAN_FRONTEND=noninteractive flock /tmp/newproj-apt.lock apt-get remove -y -qq debootstrap
rm -rf /var/cache/newproj-standins
# By tag: an image that other images were built from stays behind untagged, and a new
# build cannot use it (the base is imported again under a new id, so every layer is new).
mapfile -t base_tags < <(docker images --format '{{.Repository}}:{{.Tag}}' newproj-standin-base)
mapfile -t labelled < <(docker images -q --filter label=org.newproj.standin.hash)
docker rmi -f "${standin_tags[@]}" "${base_tags[@]}" "${labelled[@]}" >/dev/null 2>&1 || true
docker builder prune -af >/dev/null
python3 "$source_repo/.ci/standins/hold_ports.py" 8000 18000-18099 &
holder=$!
trap 'kill "$holder" 2>/dev/null || true' EXIT
sleep 1
kill -0 "$holder"  # it failed if another program already held one of those ports

rm -rf "$clone"
git clone -q "$source_repo" "$clone"
cd "$clone"
start=$(date +%s)
set +e
# 9>&-: .ci/run's children must not inherit the lock; the database servers it starts outlive it
# and would hold the engine lock for every later Docker user of the machine.
bash .ci/run 9>&-
status=$?
set -e
echo "as_new_machine: .ci/run exited ${status} after $(( $(date +%s) - start )) s (cold)"
exit "$status"
