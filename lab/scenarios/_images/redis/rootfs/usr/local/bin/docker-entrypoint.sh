#!/bin/sh
set -e
# As the official image does: run redis-server with whatever arguments were given.
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
  set -- redis-server "$@"
fi
exec "$@"
