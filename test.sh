#!/usr/bin/env bash
# The second command: builds and runs every test project, then prints one line "N passed, N failed".
# The integration tests start the whole AppHost themselves (local mode: Postgres and Redis as processes).
# Extra arguments go to dotnet test (CI: --collect "XPlat Code Coverage" --settings tests/coverage.runsettings).
set -uo pipefail
cd "$(dirname "$0")" || exit 1

# Local mode (the default for tests) runs Postgres and Redis from the OS packages; the operations tests
# need promtool and amtool in either mode.
scripts/install-prerequisites.sh || exit 1

results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet test MarketResearch.sln --logger "trx" --results-directory "$results" "$@" 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}

# Each test assembly prints "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T" (or "Failed!  - ...").
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- Failed:/ {
    gsub(",", "");
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i + 1);
      if ($i == "Passed:") p += $(i + 1);
      if ($i == "Skipped:") s += $(i + 1);
    }
  }
  END { printf "%d %d %d\n", p, f, s }' "$results/console.log")

if [[ $status -ne 0 && $failed -eq 0 ]]; then
  # The run failed outside any test (build error, crashed test host): count it, never report green.
  echo "The test run failed before reporting results (exit $status); see $results/console.log." >&2
  failed=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
[[ $status -eq 0 && $failed -eq 0 ]]
