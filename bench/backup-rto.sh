#!/usr/bin/env bash
# Measures the backup CLI on about 1 GB: `backup run` (dump + verify), `backup verify` and `backup restore`,
# against a scratch PostgreSQL cluster in a temporary folder (nothing else is touched). The bar: RTO ≤ 10 min.
# The data set is shaped like ours: users, projects with JSON audiences, transcript messages, document chunks
# with 384-d embeddings, and uploaded files as random (incompressible) bytes.
# Usage: bench/backup-rto.sh      Env: BENCH_SCALE (default 1 ≈ 1 GB), BENCH_KEEP=1 keeps the folder.
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${BENCH_SCALE:-1}"
pg_bin="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1)"

dotnet build src/MarketResearch.Backup -c Release -nologo -v q >/dev/null
backup=(dotnet src/MarketResearch.Backup/bin/Release/net10.0/MarketResearch.Backup.dll)

work="$(mktemp -d /tmp/marketresearch-backup-bench.XXXXXX)"
chmod 700 "$work"
as_pg=()
if [[ "$(id -u)" -eq 0 ]]; then
  as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups --)
  chown postgres:postgres "$work"
fi
pg() { "${as_pg[@]}" "$@"; }
cleanup() {
  pg "$pg_bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  if [[ "${BENCH_KEEP:-0}" == 1 ]]; then echo "Kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# A cluster like the AppHost's local one: TCP on 127.0.0.1, SCRAM password, fsync on.
password="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
printf '%s\n' "$password" > "$work/pw"
if [[ ${#as_pg[@]} -gt 0 ]]; then chown postgres:postgres "$work/pw"; fi
pg "$pg_bin/initdb" -D "$work/data" -U postgres --pwfile="$work/pw" --auth=scram-sha-256 --encoding=UTF8 --no-locale >/dev/null
pg "$pg_bin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w \
  -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c shared_buffers=256MB -c max_wal_size=4GB" start >/dev/null
export PGHOST=127.0.0.1 PGPORT="$port" PGUSER=postgres PGPASSWORD="$password"
sql() { psql -X -q -At -v ON_ERROR_STOP=1 -d "${2:-marketresearch}" -c "$1"; }
sql "CREATE DATABASE marketresearch" postgres

now() { date +%s.%N; }
since() { printf '%.1f' "$(echo "$(now) - $1" | bc)"; }

echo "== Generating the data set (scale $scale)"
began=$(now)
sql "CREATE EXTENSION pgcrypto"
sql "CREATE TABLE users (id uuid PRIMARY KEY, email text NOT NULL, display_name text, password_hash text, created_at timestamptz)"
sql "INSERT INTO users SELECT gen_random_uuid(), 'user' || g || '@example.test', 'Researcher ' || g || ' Zażółć',
       encode(gen_random_bytes(60), 'base64'), now() - g * interval '1 minute' FROM generate_series(1, (100000 * $scale)::int) g"
sql "CREATE TABLE projects (id uuid PRIMARY KEY, owner_id uuid NOT NULL, name text, description text, audience jsonb, created_at timestamptz)"
sql "INSERT INTO projects SELECT gen_random_uuid(), (SELECT id FROM users LIMIT 1), 'Project ' || g || ' — łódź 🚀',
       repeat(md5(g::text) || ' ', 8), jsonb_build_object('age', jsonb_build_object('18-24', 0.3, '25-34', 0.7), 'location', jsonb_build_object('urban', random())),
       now() FROM generate_series(1, (300000 * $scale)::int) g"
sql "CREATE TABLE transcript_messages (id bigserial PRIMARY KEY, project_id uuid, speaker text, body text, spoken_at timestamptz)"
sql "INSERT INTO transcript_messages (project_id, speaker, body, spoken_at) SELECT gen_random_uuid(), 'Persona ' || (g % 12),
       substr(repeat(encode(gen_random_bytes(48), 'base64'), 4), 1, 180 + (g % 120)), now() FROM generate_series(1, (1500000 * $scale)::int) g"
sql "CREATE TABLE document_chunks (id bigserial PRIMARY KEY, document_id uuid, content text, embedding real[])"
sql "INSERT INTO document_chunks (document_id, content, embedding) SELECT gen_random_uuid(), repeat(md5(g::text), 14),
       ARRAY(SELECT random()::real FROM generate_series(1, 384) WHERE g > 0) FROM generate_series(1, (150000 * $scale)::int) g"
sql "CREATE TABLE document_files (id bigserial PRIMARY KEY, file_name text, content bytea)"
sql "INSERT INTO document_files (file_name, content) SELECT 'upload-' || g || '.pdf',
       (SELECT string_agg(gen_random_bytes(1024), ''::bytea) FROM generate_series(1, 64) WHERE g > 0) FROM generate_series(1, (2000 * $scale)::int) g"
sql "VACUUM ANALYZE"
size_bytes="$(sql "SELECT pg_database_size('marketresearch')")"
echo "   $(sql "SELECT pg_size_pretty($size_bytes::bigint)") in $(since "$began") s"

export Backup__Directory="$work/backups" Backup__MetricsFile="$work/metrics/marketresearch_backup.prom"
export ConnectionStrings__marketresearch="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=marketresearch"

echo "== backup run (dump + fingerprints in one snapshot, then verify in a scratch database)"
began=$(now)
"${backup[@]}" run 2> "$work/run.log"
run_time="$(since "$began")"
cat "$work/run.log"
id="$("${backup[@]}" list | awk 'NR == 2 { print $1 }')"
dump_bytes="$(stat -c %s "$work/backups/$id/postgres.dump")"
dump_time="$(grep -o 'Postgres dumped: .* after [0-9.]* s' "$work/run.log" | grep -o '[0-9.]* s$')"

echo "== backup verify $id"
began=$(now)
"${backup[@]}" verify "$id" 2>/dev/null
verify_time="$(since "$began")"

echo "== backup restore $id (beside the database, verified, then swapped in)"
began=$(now)
"${backup[@]}" restore "$id" 2>/dev/null
restore_time="$(since "$began")"

echo
echo "| Backup bench, $(date -u +%Y-%m-%d), $(nproc) cores | Result |"
echo "|---|---|"
echo "| database size | $(numfmt --to=iec "$size_bytes") ($size_bytes bytes) |"
echo "| dump file (pg_dump -Fc) | $(numfmt --to=iec "$dump_bytes") |"
echo "| backup run: dump + fingerprints | $dump_time |"
echo "| backup run: total, verify included | $run_time s |"
echo "| backup verify (scratch restore + compare) | $verify_time s |"
echo "| backup restore = RTO of the database (restore + verify + swap) | $restore_time s |"
if (( $(echo "$restore_time <= 600" | bc) )); then
  echo "PASS: restore within the 10-minute RTO."
else
  echo "FAIL: restore took longer than 10 minutes." >&2
  exit 1
fi
