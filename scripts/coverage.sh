#!/usr/bin/env bash
# Line coverage measured the way CI measures it, with the same gate.
#   scripts/coverage.sh                                  # every test project, then report and gate
#   scripts/coverage.sh tests/MarketResearch.UnitTests   # only these test projects (quick, light on CPU)
#   scripts/coverage.sh --report-only DIR                # report and gate on coverage already collected under DIR
#                                                        # (CI: ./test.sh --collect "XPlat Code Coverage" --settings tests/coverage.runsettings)
# Gate: every assembly in COVERAGE_GATED (comma separated; default MarketResearch.Domain) needs at least
# COVERAGE_MINIMUM percent line coverage (default 80). Report: artifacts/coverage/ (index.html, Summary.txt,
# Summary.json, SummaryGithub.md, Cobertura.xml). Exit 1 when an assembly is below the gate or missing.
set -euo pipefail
cd "$(dirname "$0")/.."

minimum="${COVERAGE_MINIMUM:-80}"
gated="${COVERAGE_GATED:-MarketResearch.Domain}"
output="artifacts/coverage"
tests_failed=0

if [[ "${1:-}" == "--report-only" ]]; then
  collected="${2:?--report-only needs the folder holding coverage.cobertura.xml files}"
else
  collected="$output/raw"
  rm -rf "$output"
  mkdir -p "$collected"
  projects=("$@")
  if [[ ${#projects[@]} -eq 0 ]]; then
    mapfile -t projects < <(find tests -mindepth 2 -maxdepth 2 -name '*.csproj' | sort)
  fi
  for project in "${projects[@]}"; do
    # A failing test still leaves its coverage: report it, then fail at the end.
    dotnet test "$project" --collect "XPlat Code Coverage" --settings tests/coverage.runsettings \
      --results-directory "$collected" || tests_failed=1
  done
fi

mapfile -t reports < <(find "$collected" -name 'coverage.cobertura.xml' | sort)
if [[ ${#reports[@]} -eq 0 ]]; then
  echo "No coverage.cobertura.xml under $collected: were the tests run with --collect \"XPlat Code Coverage\"?" >&2
  exit 1
fi

dotnet tool restore >/dev/null
# One report over every test project: a line counts as covered when any test project ran it.
report_list="$(IFS=';'; echo "${reports[*]}")"
dotnet reportgenerator "-reports:$report_list" "-targetdir:$output" \
  "-reporttypes:Html;JsonSummary;TextSummary;MarkdownSummaryGithub;Cobertura" -verbosity:Error

python3 - "$output/Summary.json" "$gated" "$minimum" <<'PYTHON'
import json, sys

summary_path, gated, minimum = sys.argv[1], sys.argv[2], float(sys.argv[3])
assemblies = {a["name"]: a for a in json.load(open(summary_path))["coverage"]["assemblies"]}
print("Line coverage by assembly:")
for name, assembly in sorted(assemblies.items()):
    print(f"  {name:<40} {assembly['coverage'] or 0:6.1f}%  ({assembly['coveredlines']}/{assembly['coverablelines']} lines)")

failed = False
for name in filter(None, (n.strip() for n in gated.split(","))):
    if name not in assemblies:
        print(f"GATE FAILED: {name} has no coverage data (no test project loaded it).")
        failed = True
    elif (assemblies[name]["coverage"] or 0) < minimum:
        print(f"GATE FAILED: {name} {assemblies[name]['coverage']:.1f}% < {minimum:g}%")
        failed = True
    else:
        print(f"gate passed: {name} {assemblies[name]['coverage']:.1f}% >= {minimum:g}%")
sys.exit(1 if failed else 0)
PYTHON

if [[ $tests_failed -ne 0 ]]; then
  echo "Some tests failed (see above): the coverage is reported, the run is not green." >&2
  exit 1
fi
