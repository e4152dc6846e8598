#!/usr/bin/env bash
# The first command: installs what is missing, then starts the whole stack through the AppHost.
# Ctrl+C stops everything (Postgres and Redis included); data stays in .state/ for the next start.
set -euo pipefail
cd "$(dirname "$0")"

if ! docker info >/dev/null 2>&1 && ! podman info >/dev/null 2>&1; then
  # No container engine answers: the AppHost runs Postgres and Redis from the OS packages.
  scripts/install-prerequisites.sh
fi

exec dotnet run --project src/MarketResearch.AppHost --launch-profile http -- "$@"
