#!/usr/bin/env bash
# Measures the platform bars: AppHost to all-healthy (warm build), SIGTERM leaves no process behind,
# and data survives a restart. Uses a throwaway state folder; needs ports 5070/5080 free.
# Usage: bench/apphost-lifecycle.sh   (after `dotnet build`)
set -euo pipefail
cd "$(dirname "$0")/.."

state="$(mktemp -d /tmp/marketresearch-lifecycle.XXXXXX)"
chmod 755 "$state"
log="$state/apphost.log"
random_hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }
args=(
  --Infrastructure:Mode=local "--Infrastructure:StateDirectory=$state"
  "--Parameters:postgres-password=$(random_hex 16)" "--Parameters:redis-password=$(random_hex 16)"
  "--Parameters:graph-password=$(random_hex 16)" "--Parameters:token-signing-key=$(random_hex 48)"
)
# What the http launch profile sets, on ports of their own so a running dev stack's dashboard is not disturbed.
export DOTNET_ENVIRONMENT=Development ASPNETCORE_URLS=http://localhost:15100 ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
  ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:19100 ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://localhost:20100

start_stack() {
  : > "$log"
  local began
  began=$(date +%s.%N)
  dotnet src/MarketResearch.AppHost/bin/Debug/net10.0/MarketResearch.AppHost.dll "${args[@]}" >"$log" 2>&1 &
  apphost=$!
  until grep -q "Web app is ready" "$log"; do
    kill -0 "$apphost" 2>/dev/null || { echo "AppHost exited:"; tail -20 "$log"; exit 1; }
    sleep 0.1
  done
  echo "all healthy after $(echo "$(date +%s.%N) - $began" | bc) s"
}

stop_stack() {
  local began
  began=$(date +%s.%N)
  kill -TERM "$apphost"
  while pgrep -f "$state" >/dev/null || kill -0 "$apphost" 2>/dev/null; do sleep 0.1; done
  echo "SIGTERM → no AppHost, Postgres or Redis process left after $(echo "$(date +%s.%N) - $began" | bc) s"
}

api=http://localhost:5080/api/v1
start_stack
email="lifecycle-$RANDOM@example.test"
curl -sf -XPOST "$api/auth/register" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"lifecycle passphrase 1\",\"displayName\":\"L\"}" >/dev/null
token=$(curl -sf -XPOST "$api/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"lifecycle passphrase 1\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
curl -sf -XPOST "$api/projects" -H "authorization: Bearer $token" -H 'content-type: application/json' -d '{"name":"Survives restarts"}' >/dev/null
stop_stack
pgrep -fa "postgres -D $state|redis-server" && { echo "FAIL: processes left"; exit 1; }

start_stack
token=$(curl -sf -XPOST "$api/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"lifecycle passphrase 1\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
if curl -sf "$api/projects" -H "authorization: Bearer $token" | grep -q "Survives restarts"; then
  echo "restart keeps data: the project created before the restart is there"
else
  echo "FAIL: project lost across restart"; stop_stack; exit 1
fi
stop_stack
rm -rf "$state"
