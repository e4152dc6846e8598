#!/usr/bin/env bash
# Runs one monitoring program from the OS packages (Prometheus, Alertmanager, an exporter) for the AppHost.
# The AppHost gives each a free port in MR_PORT; "{port}" in the arguments becomes that port.
# Usage: run-monitoring.sh PROGRAM [ARGUMENT...]
set -euo pipefail

port="${MR_PORT:?}"
command=()
for argument in "$@"; do
  command+=("${argument//\{port\}/$port}")
done

# exec: the program itself receives the AppHost's SIGTERM and shuts down cleanly.
exec "${command[@]}"
