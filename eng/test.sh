#!/usr/bin/env bash
# Runs every AppBuilder test after installing what they need. Prints one closing line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash eng/setup.sh || exit 1

log=$(mktemp)
dotnet build AppBuilder.sln -c Release -nologo -v q 2>&1 | tail -n 30
build_status=${PIPESTATUS[0]}
if [ "$build_status" -ne 0 ]; then echo "build failed"; exit "$build_status"; fi

dotnet test AppBuilder.sln -c Release --no-build -nologo -v q "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then echo "no test ran"; exit 1; fi
exit "$status"
