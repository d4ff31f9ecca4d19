#!/bin/sh
set -e
echo "inventory-sync: starting $*"
exec python3 /app/sync.py "$@"
