#!/bin/sh
# The official image builds Redis with protected mode off by default (other containers of the network
# reach it without a password, whatever arguments follow redis-server); Debian's build keeps it on.
set -e
if [ "$1" = "redis-server" ]; then
    shift
    set -- redis-server "$@" --protected-mode no
fi
exec "$@"
