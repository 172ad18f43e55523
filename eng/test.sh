#!/usr/bin/env bash
# Runs every AppBuilder test after installing what they need. Prints one closing line: "N passed, N failed, N skipped".
# A test whose prerequisite is missing is skipped with the reason. Under CI (CI=true, as .ci/run sets it) every
# prerequisite must be there: APPBUILDER_REQUIRE_ALL_PREREQUISITES=1 turns such a skip into a failure, and any skipped
# test still fails the run.
set -uo pipefail
cd "$(dirname "$0")/.."
bash eng/setup.sh || exit 1

ci=0
case "${CI:-}" in 1 | true | TRUE | True) ci=1 ;; esac
if [ "$ci" = "1" ]; then export APPBUILDER_REQUIRE_ALL_PREREQUISITES=1; fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build AppBuilder.sln -c Release -nologo -v q 2>&1 | tail -n 30
build_status=${PIPESTATUS[0]}
if [ "$build_status" -ne 0 ]; then echo "build failed"; exit "$build_status"; fi

dotnet test AppBuilder.sln -c Release --no-build -nologo -v q "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test assembly: "Passed!  - Failed: 0, Passed: 103, Skipped: 0, Total: 103, ...".
count() { grep -E '^(Passed|Failed)! +- ' "$log" | grep -Eo "$1: +[0-9]+" | awk '{s+=$2} END {print s+0}'; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then echo "no test ran"; exit 1; fi
if [ "$ci" = "1" ] && [ "$skipped" -gt 0 ]; then
  echo "CI: ${skipped} test(s) skipped; every prerequisite must be installed (eng/setup.sh) so that none skips" >&2
  exit 1
fi
exit "$status"
