#!/usr/bin/env bash
# Fails when any NuGet package of the solution, direct or transitive, has a known vulnerability
# (the advisories of the configured package sources). CI runs it on every push; run it before a release.
# Needs a restored solution (dotnet restore MarketResearch.sln) and jq.
set -euo pipefail
cd "$(dirname "$0")/.."

report="$(dotnet list MarketResearch.sln package --vulnerable --include-transitive --format json)"
vulnerable="$(jq '[.projects[].frameworks[]? | (.topLevelPackages // []) + (.transitivePackages // []) | .[]] | length' <<<"$report")"

if [[ "$vulnerable" -gt 0 ]]; then
  echo "$vulnerable vulnerable package reference(s):" >&2
  jq -r '.projects[] | .path as $project | .frameworks[]? | (.topLevelPackages // []) + (.transitivePackages // []) | .[]
    | "  \($project | split("/") | last): \(.id) \(.resolvedVersion) — \([.vulnerabilities[]? | "\(.severity) \(.advisoryurl)"] | join(", "))"' <<<"$report" >&2
  exit 1
fi
echo "No vulnerable packages (direct or transitive)."
