#!/usr/bin/env bash
# Benchmark (issue 4, item 8): what the bundle target adds to a no-change `dotnet build` of a project with
# 1,000 migrations. Packs the SDK into a local feed, generates the project in a temp dir, then times a
# no-change build with the bundle target on and off (BuildMigrationsSkip=true), and reads the target's own
# time from MSBuild's performance summary. Needs hyperfine (apt-get install hyperfine).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-1000}
work=$(mktemp -d /tmp/bm-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

source "$root/bench/big-project.sh"
make_big_project "$root" "$work" "$count"

cd "$work/Big.Db"
export MSBUILDDISABLENODEREUSE=1 CI=
dotnet build -v quiet -nologo >/dev/null                     # first build: restore, compile, bundle, sum
echo "first build done: $(ls migrations | wc -l) files, bundle $(stat -c %s bin/Debug/net10.0/Big.Db.1.0.0.mbundle) bytes"

echo "== target time inside one no-change build (MSBuild performance summary)"
dotnet build --no-restore -nologo -clp:PerformanceSummary | grep -E '^\s+[0-9]+ ms\s+(BuildMigrationBundle|_WriteMigrationsInputs|_ReportMigrationBundle|CoreCompile)\s' || true

echo "== whole no-change builds"
hyperfine --warmup 2 --runs 10 \
  -n 'no-change build, bundle target on' 'dotnet build --no-restore -nologo -v quiet' \
  -n 'no-change build, bundle target off (BuildMigrationsSkip=true)' 'dotnet build --no-restore -nologo -v quiet -p:BuildMigrationsSkip=true'

echo "== full bundle rebuild after touching one migration (for comparison)"
hyperfine --warmup 1 --runs 5 --prepare 'touch migrations/0500_table_0500.up.sql' \
  -n 'rebuild after touching one migration' 'dotnet build --no-restore -nologo -v quiet'
