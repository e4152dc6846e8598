#!/usr/bin/env bash
# Runs Redis from the OS packages for the AppHost's local mode.
# Env (set by the AppHost): MR_REDIS_SERVER, MR_DATA_DIR, MR_REDIS_PASSWORD, MR_REDIS_PORT.
set -euo pipefail

server="${MR_REDIS_SERVER:?}"
data="${MR_DATA_DIR:?}"
port="${MR_REDIS_PORT:?}"
password="${MR_REDIS_PASSWORD:?}"

mkdir -p "$data"
chmod 700 "$data"

# The configuration arrives on stdin so the password never shows in the process list.
exec "$server" - <<CONFIG
port $port
bind 127.0.0.1
protected-mode yes
dir $data
daemonize no
appendonly yes
save 60 1
maxmemory 256mb
maxmemory-policy noeviction
requirepass $password
CONFIG
