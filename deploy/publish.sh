#!/usr/bin/env bash
# Publishes the deployment model in one command: the Aspire manifest, the production compose file and the
# Kubernetes manifests, all written by the AppHost's publish-deployment step from the application model.
#   deploy/publish.sh                                     # into deploy/generated (the committed snapshot)
#   deploy/publish.sh --Deployment:Redis:MaxMemory=1G     # any Deployment:* setting, as AppHost configuration
#   PUBLISH_OUTPUT=/tmp/out deploy/publish.sh             # somewhere else
# After changing the AppHost or a default setting, run it and commit deploy/generated: the DeploymentTests
# compare the committed files with a fresh publish.
set -euo pipefail
cd "$(dirname "$0")/.."

# Absolute: the AppHost resolves relative paths against its own project folder, not this one.
output="$(realpath -m "${PUBLISH_OUTPUT:-deploy/generated}")"

# No launch profile: publishing must not depend on a developer's environment (it runs as Production).
dotnet run --project src/MarketResearch.AppHost --no-launch-profile -- \
  --operation publish --step publish-deployment --output-path "$output" "$@"

echo "Published to $output: aspire-manifest.json, compose/, kubernetes/"
