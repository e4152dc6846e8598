#!/usr/bin/env bash
# Runs PostgreSQL from the OS packages for the AppHost's local mode.
# Env (set by the AppHost): MR_POSTGRES_BIN, MR_DATA_DIR, MR_POSTGRES_PASSWORD, PGPORT, MR_SETPRIV (set when root).
set -euo pipefail

bin="${MR_POSTGRES_BIN:?}"
data="${MR_DATA_DIR:?}"
password="${MR_POSTGRES_PASSWORD:?}"
port="${PGPORT:?}"

# Postgres refuses to run as root: run it as the 'postgres' user and give that user the data folder.
as_owner=()
if [[ -n "${MR_SETPRIV:-}" ]]; then
  as_owner=("$MR_SETPRIV" --reuid=postgres --regid=postgres --init-groups --)
fi

mkdir -p "$data"
chmod 700 "$data"
if [[ ${#as_owner[@]} -gt 0 ]]; then
  chown postgres:postgres "$data"
  if ! "${as_owner[@]}" test -w "$data"; then
    echo "The 'postgres' user cannot reach $data: choose a state folder it can enter (Infrastructure:StateDirectory), e.g. /var/lib/marketresearch." >&2
    exit 78
  fi
fi

if [[ "$password" == *"'"* || "$password" == *'$'* ]]; then
  echo "The postgres password must not contain quotes or dollar signs." >&2
  exit 78
fi

if [[ ! -s "$data/PG_VERSION" ]]; then
  echo "Initialising a new PostgreSQL cluster in $data"
  pwfile="$(mktemp "$data/../.pgpass-init.XXXXXX")"
  trap 'rm -f "$pwfile"' EXIT
  printf '%s\n' "$password" > "$pwfile"
  [[ ${#as_owner[@]} -gt 0 ]] && chown postgres:postgres "$pwfile"
  "${as_owner[@]}" "$bin/initdb" -D "$data" -U postgres --pwfile="$pwfile" \
    --auth-host=scram-sha-256 --auth-local=scram-sha-256 --encoding=UTF8 --no-locale >/dev/null
  rm -f "$pwfile"
  trap - EXIT
else
  # The password is an AppHost parameter that may have changed since the cluster was made: make them agree.
  printf "ALTER ROLE postgres PASSWORD \$mr\$%s\$mr\$;\n" "$password" \
    | "${as_owner[@]}" "$bin/postgres" --single -D "$data" -j postgres >/dev/null
fi

"${as_owner[@]}" "$bin/postgres" -D "$data" -p "$port" \
  -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories='' \
  -c max_connections=200 \
  -c shared_buffers=128MB \
  -c fsync=on \
  -c log_min_messages=warning &
server=$!

# A stop from the AppHost (SIGTERM) becomes a fast shutdown: sessions end, data is flushed, nothing lingers.
trap 'kill -INT "$server" 2>/dev/null' TERM INT
status=0
wait "$server" || status=$?
# wait returns early when a trapped signal arrives: wait again for the server to finish shutting down.
while kill -0 "$server" 2>/dev/null; do
  wait "$server" || status=$?
done
exit "$status"
