#!/usr/bin/env bash
# Point-in-time recovery drill with pgBackRest, on a scratch cluster in a temporary folder: nothing else is
# touched. It runs deploy/backup/pgbackrest.conf and postgresql-archiving.conf as written (paths and the
# cipher passphrase overridden through PGBACKREST_* variables), and proves:
#   - committed rows reach the archive within archive_timeout (the recovery point objective),
#   - a lost data directory is recovered up to the last archived commit,
#   - a recovery to a noted time keeps the rows committed before it and none after.
# Usage: deploy/backup/pitr-drill.sh
# Env:   DRILL_ARCHIVE_TIMEOUT  overrides archive_timeout (e.g. 10s for a quick run; default: the file's 60s)
#        DRILL_ROWS             rows in the base data set (default 200000, about 60 MB)
#        DRILL_KEEP=1           keep the scratch folder for inspection
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

command -v pgbackrest >/dev/null || { echo "pgbackrest is missing: scripts/install-prerequisites.sh installs it." >&2; exit 1; }
pg_bin="${DRILL_POSTGRES_BIN:-$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1)}"
[[ -x "$pg_bin/initdb" ]] || { echo "No PostgreSQL server programs found (apt-get install postgresql)." >&2; exit 1; }
rows="${DRILL_ROWS:-200000}"

work="$(mktemp -d /tmp/marketresearch-pitr.XXXXXX)"
chmod 700 "$work"
# PostgreSQL refuses to run as root: as root, everything touching the cluster runs as the postgres user.
as_pg=()
if [[ "$(id -u)" -eq 0 ]]; then
  as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups --)
  chown postgres:postgres "$work"
fi
pg() { "${as_pg[@]}" "$@"; }

data="$work/data"
export PGHOST="$work/socket" PGPORT=5432 PGUSER=postgres PGDATABASE=postgres
# The production files, copied where the postgres user can read them, with this drill's paths on top.
cipher_pass="$(head -c 24 /dev/urandom | base64)"
cp "$here/pgbackrest.conf" "$here/postgresql-archiving.conf" "$work/"
export PGBACKREST_CONFIG="$work/pgbackrest.conf" PGBACKREST_STANZA=marketresearch \
  PGBACKREST_REPO1_PATH="$work/repo" PGBACKREST_PG1_PATH="$data" PGBACKREST_PG1_PORT="$PGPORT" \
  PGBACKREST_PG1_SOCKET_PATH="$PGHOST" PGBACKREST_SPOOL_PATH="$work/spool" PGBACKREST_LOG_PATH="$work/log" \
  PGBACKREST_LOCK_PATH="$work/lock" PGBACKREST_LOG_LEVEL_CONSOLE=warn \
  PGBACKREST_REPO1_CIPHER_PASS="$cipher_pass"
if [[ ${#as_pg[@]} -gt 0 ]]; then chown postgres:postgres "$work"/*.conf; fi

cleanup() {
  pg "$pg_bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
  if [[ "${DRILL_KEEP:-0}" == 1 ]]; then echo "Kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

now() { date +%s.%N; }
since() { printf '%.1f' "$(echo "$(now) - $1" | bc)"; }
sql() { pg psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

start_server() {
  pg "$pg_bin/pg_ctl" -D "$data" -l "$work/postgres.log" -w -t 600 start >/dev/null
  # After a restore the server replays WAL before it accepts writes: wait until recovery has ended.
  until [[ "$(sql 'SELECT pg_is_in_recovery()' 2>/dev/null)" == f ]]; do sleep 0.2; done
}

count_batches() {
  sql "SELECT string_agg(batch || '=' || n, ' ' ORDER BY batch) FROM (SELECT batch, count(*) n FROM drill GROUP BY batch) b"
}

echo "== Scratch cluster in $work (PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}'), $(pgbackrest version))"
pg mkdir -m 700 "$PGHOST" "$work/log" "$work/spool"
pg "$pg_bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --no-locale >/dev/null
{
  echo "include '$work/postgresql-archiving.conf'"
  echo "listen_addresses = ''"
  echo "unix_socket_directories = '$PGHOST'"
  echo "port = $PGPORT"
  if [[ -n "${DRILL_ARCHIVE_TIMEOUT:-}" ]]; then echo "archive_timeout = ${DRILL_ARCHIVE_TIMEOUT}"; fi
} | pg tee -a "$data/postgresql.conf" >/dev/null
start_server
archive_timeout="$(sql 'SHOW archive_timeout')"
pg pgbackrest stanza-create
pg pgbackrest check
echo "   archive_command: $(sql 'SHOW archive_command'); archive_timeout: $archive_timeout"

sql "CREATE TABLE drill (id bigserial PRIMARY KEY, batch text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp(), payload text)"
sql "INSERT INTO drill (batch, payload) SELECT 'a-before-backup', repeat(md5(g::text), 8) FROM generate_series(1, $rows) g"
echo "== Full backup of $(sql "SELECT pg_size_pretty(pg_database_size('postgres'))")"
began=$(now)
pg pgbackrest --type=full backup
echo "   took $(since "$began") s; repository: $(du -sh "$work/repo" | cut -f1)"

sql "INSERT INTO drill (batch) SELECT 'b-before-target' FROM generate_series(1, 1000)"
target="$(sql 'SELECT clock_timestamp()')"
sleep 1
sql "INSERT INTO drill (batch) SELECT 'c-after-target' FROM generate_series(1, 1000)"
committed=$(now)
wal="$(sql 'SELECT pg_walfile_name(pg_current_wal_lsn())')"
echo "== Recovery target noted: $target; then 1000 more rows committed in WAL segment $wal"

# How long until the last commit is safe in the archive: the data-loss window of this server.
until [[ "$(sql "SELECT coalesce(last_archived_wal >= '$wal', false) FROM pg_stat_archiver")" == t ]]; do
  sleep 0.2
done
rpo="$(since "$committed")"
echo "   archived after $rpo s (archive_timeout $archive_timeout): that is the RPO of a quiet server"
before="$(count_batches)"

echo "== Disaster: the server stops hard and its data directory is lost"
pg "$pg_bin/pg_ctl" -D "$data" -m immediate stop >/dev/null
rm -rf "$data"

echo "== Restore to the end of the archive"
began=$(now)
pg pgbackrest restore
restored_files="$(since "$began")"
start_server
latest_time="$(since "$began")"
latest="$(count_batches)"
echo "   files restored in $restored_files s, replayed and accepting writes after $latest_time s: $latest"

echo "== Point-in-time recovery to $target"
pg "$pg_bin/pg_ctl" -D "$data" -m fast stop >/dev/null
rm -rf "$data"
began=$(now)
pg pgbackrest --type=time "--target=$target" --target-action=promote --target-timeline=current restore
start_server
pitr_time="$(since "$began")"
pitr="$(count_batches)"
echo "   accepting writes after $pitr_time s: $pitr"

expected_all="a-before-backup=$rows b-before-target=1000 c-after-target=1000"
expected_pitr="a-before-backup=$rows b-before-target=1000"
echo
echo "| Drill ($(date -u +%Y-%m-%dT%H:%MZ)) | Result |"
echo "|---|---|"
echo "| rows before the disaster | $before |"
echo "| last commit archived after (RPO, archive_timeout $archive_timeout) | $rpo s |"
echo "| restore to end of archive → accepting writes | $latest_time s: $latest |"
echo "| restore to the noted time → accepting writes | $pitr_time s: $pitr |"
if [[ "$before" == "$expected_all" && "$latest" == "$expected_all" && "$pitr" == "$expected_pitr" ]]; then
  echo "PASS: nothing archived was lost, and the point-in-time recovery kept every row before the target and none after."
else
  echo "FAIL: expected '$expected_all' before and after the full restore, and '$expected_pitr' after the point-in-time recovery." >&2
  exit 1
fi
