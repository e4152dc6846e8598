#!/usr/bin/env bash
# Installs what MarketResearch needs on a Debian/Ubuntu machine with no container engine (local mode):
# the PostgreSQL and Redis servers the AppHost launches, the Prometheus tools the operations tests run, and
# the client tools the backup CLI and the PITR drill use, Chromium for the browser tests, and node/npm for the deployment tests' Kubernetes
# schema validation.
# Safe to run again: it installs only what is missing.
set -euo pipefail

need_packages=()

have_postgres_server() {
  compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || command -v postgres >/dev/null
}

have_postgres_server || need_packages+=(postgresql)
command -v redis-server >/dev/null || need_packages+=(redis-server)
command -v setpriv >/dev/null || need_packages+=(util-linux)
# promtool and amtool check deploy/monitoring in tests/MarketResearch.OperationsTests.
command -v promtool >/dev/null || need_packages+=(prometheus)
command -v amtool >/dev/null || need_packages+=(prometheus-alertmanager)
# Local mode runs the Postgres and Redis exporters beside Prometheus; the monitoring tests query them.
command -v prometheus-postgres-exporter >/dev/null || need_packages+=(prometheus-postgres-exporter)
command -v prometheus-redis-exporter >/dev/null || need_packages+=(prometheus-redis-exporter)
# pg_dump, pg_restore, redis-cli and redis-check-rdb run `backup` (src/MarketResearch.Backup) and its drill test;
# pgbackrest runs deploy/backup/pitr-drill.sh.
command -v pg_restore >/dev/null || need_packages+=(postgresql-client)
command -v redis-check-rdb >/dev/null || need_packages+=(redis-tools)
command -v pgbackrest >/dev/null || need_packages+=(pgbackrest)

# The browser tests (tests/MarketResearch.IntegrationTests/Browser) drive Debian's Chromium headless through Playwright.
[[ -x /usr/bin/chromium ]] || need_packages+=(chromium)
# jq runs scripts/smoke-test.sh (and its integration test); shellcheck checks every script in the deployment tests.
command -v jq >/dev/null || need_packages+=(jq)
command -v shellcheck >/dev/null || need_packages+=(shellcheck)

# node runs the offline Kubernetes schema validation in tests/MarketResearch.DeploymentTests (npm ci installs its packages).
command -v node >/dev/null || need_packages+=(nodejs)
command -v npm >/dev/null || need_packages+=(npm)

if ! command -v dotnet >/dev/null; then
  echo "The .NET SDK 10 is missing: install it from your distribution or Microsoft's packages, then run this again." >&2
  exit 1
fi

if [[ ${#need_packages[@]} -eq 0 ]]; then
  exit 0
fi

echo "Installing OS packages: ${need_packages[*]}"
if [[ "$(id -u)" -eq 0 ]]; then
  apt_get=(apt-get)
elif command -v sudo >/dev/null; then
  apt_get=(sudo apt-get)
else
  echo "Missing packages and no way to install them (not root, no sudo). Ask an administrator for: apt-get install -y ${need_packages[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${apt_get[@]}" update -qq
"${apt_get[@]}" install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
echo "Installed: ${need_packages[*]}"
