#!/usr/bin/env bash
# End-to-end smoke test of a running MarketResearch: register → sign in → create a project → generate 5
# personas → the job succeeds → the 5 personas are there. Works against any base URL that serves /api/v1:
#   scripts/smoke-test.sh                                   # the API of ./run.sh (http://localhost:5080)
#   scripts/smoke-test.sh https://staging.example.com       # a deployment (the Ingress/proxy sends /api to the API)
# Env: SMOKE_JOB_TIMEOUT (seconds, default 180). Needs curl and jq. Leaves one smoke-* account and project behind.
set -euo pipefail

base="${1:-${SMOKE_BASE_URL:-http://localhost:5080}}"
api="${base%/}/api/v1"
job_timeout="${SMOKE_JOB_TIMEOUT:-180}"
persona_count=5

for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "smoke test needs $tool" >&2; exit 2; }
done

step() { printf '%s … ' "$1"; }
ok() { echo "ok${1:+ ($1)}"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

# call METHOD PATH [JSON]: prints the body; fails with the status and body unless the status is 2xx.
call() {
  local method="$1" path="$2" body="${3:-}" response status
  local args=(-sS -X "$method" -H 'accept: application/json' --max-time 30 -w '\n%{http_code}')
  [[ -n "${token:-}" ]] && args+=(-H "authorization: Bearer $token")
  [[ -n "$body" ]] && args+=(-H 'content-type: application/json' --data "$body")
  response="$(curl "${args[@]}" "$api$path")" || fail "$method $path: no answer from $api"
  status="${response##*$'\n'}"
  [[ "$status" == 2* ]] || fail "$method $path answered $status: ${response%$'\n'*}"
  printf '%s' "${response%$'\n'*}"
}

suffix="$(date -u +%Y%m%d%H%M%S)-$RANDOM"
email="smoke-$suffix@example.test"
password="smoke-$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
token=""

step "register $email"
call POST /auth/register "$(jq -nc --arg e "$email" --arg p "$password" '{email: $e, password: $p, displayName: "Smoke test"}')" >/dev/null
ok

step "sign in"
token="$(call POST /auth/login "$(jq -nc --arg e "$email" --arg p "$password" '{email: $e, password: $p}')" | jq -r '.accessToken // empty')"
[[ -n "$token" ]] || fail "login returned no access token"
ok

step "create a project"
project="$(call POST /projects "$(jq -nc --arg n "Smoke $suffix" '{name: $n, audience: {distributions: {age: {"25-34": 0.6, "35-44": 0.4}}}}')" | jq -r '.id // empty')"
[[ -n "$project" ]] || fail "the project has no id"
ok "$project"

step "generate $persona_count personas"
job="$(call POST "/projects/$project/personas/generate" "{\"count\": $persona_count, \"seed\": 7}" | jq -r '.jobId // empty')"
[[ -n "$job" ]] || fail "no job id"
ok "job $job"

step "wait for the job (up to ${job_timeout}s)"
deadline=$((SECONDS + job_timeout))
while :; do
  status="$(call GET "/jobs/$job" | jq -r '.status')"
  case "$status" in
    Succeeded) break ;;
    Failed | Cancelled | DeadLettered) fail "job $job ended $status: $(call GET "/jobs/$job" | jq -c '.error')" ;;
  esac
  ((SECONDS < deadline)) || fail "job $job still $status after ${job_timeout}s"
  sleep 2
done
ok "$status"

step "read the personas"
count="$(call GET "/projects/$project/personas?limit=100" | jq '.items | length')"
[[ "$count" -eq "$persona_count" ]] || fail "expected $persona_count personas, found $count"
ok "$count"

echo "smoke test passed against $base"
