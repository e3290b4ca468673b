#!/usr/bin/env bash
# Runs the whole test suite from a fresh clone, installing what the tests need first.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/prerequisites.sh
install_test_prerequisites

dotnet build BuildMigrations.sln -c Release

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test BuildMigrations.sln -c Release --no-build --logger "console;verbosity=normal" 2>&1 | tee "$log" || status=$?

# One closing line over all test projects, as "N passed, N failed, N skipped".
passed=$(awk '$1 == "Passed:" && $2 ~ /^[0-9]+$/ {s += $2} END {print s + 0}' "$log")
failed=$(awk '$1 == "Failed:" && $2 ~ /^[0-9]+$/ {s += $2} END {print s + 0}' "$log")
skipped=$(awk '$1 == "Skipped:" && $2 ~ /^[0-9]+$/ {s += $2} END {print s + 0}' "$log")
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
