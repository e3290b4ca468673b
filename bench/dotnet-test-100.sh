#!/usr/bin/env bash
# Benchmark (issue 5, item 7): total `dotnet test` time for a project with N migrations (default 100), each
# proven (up, snapshot, down, snapshot, up again) plus the chain tests, on the local sandbox (or whatever
# MIGRATIONS_TEST_DATABASE says). Needs hyperfine (apt-get install hyperfine) and the PostgreSQL 15 binaries.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-100}
work=$(mktemp -d /tmp/bm-bench-XXXXXX)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT

source "$root/bench/big-project.sh"
make_big_project "$root" "$work" "$count"

cd "$work/Big.Db"
export MSBUILDDISABLENODEREUSE=1 CI= MIGRATIONS_TEST_DATABASE=${MIGRATIONS_TEST_DATABASE:-local} TMPDIR=$work/
dotnet build -v quiet -nologo >/dev/null
dotnet test --no-build -nologo | grep -E 'Passed!|Failed!'
hyperfine --runs 3 -n "dotnet test, $count migrations ($MIGRATIONS_TEST_DATABASE sandbox)" 'dotnet test --no-build -nologo -v quiet'
