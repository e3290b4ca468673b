#!/usr/bin/env bash
# Benchmark (issue 10): total `dotnet test` time for a project with N generated migrations (default 100) on each
# engine, against one deploy of the same bundle by the tool, and the ratio between them.
#   bench/dotnet-test-100.sh [COUNT]        ENGINES="postgresql mariadb sqlite" (default) RUNS=3 (default)
# `dotnet test` uses the local sandbox (it starts and stops its own server); the deploys go to a throwaway server
# started here with the same durability settings. After every `dotnet test` the script checks that no process it
# started is left. Needs the PostgreSQL 15 binaries and mariadb-server (./scripts/test.sh installs both).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-100}
runs=${RUNS:-3}
engines=${ENGINES:-postgresql mariadb sqlite}
base=$(mktemp -d /tmp/bm-bench-XXXXXX)
chmod 755 "$base"
source "$root/bench/big-project.sh"
source "$root/scripts/throwaway-postgres.sh"
source "$root/scripts/throwaway-mariadb.sh"
trap 'stop_throwaway_postgres; stop_throwaway_mariadb; rm -rf "$base"' EXIT

dotnet build "$root/src/BuildMigrations.Tool" -c Release -v quiet -nologo >/dev/null
tool=("$root/src/BuildMigrations.Tool/bin/Release/net10.0/BuildMigrations.Tool")

now() { date +%s%N; }
seconds() { awk -v ns="$1" 'BEGIN { printf "%.2f", ns / 1e9 }'; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# A fresh, empty database on the throwaway server of the engine, as a connection URL.
fresh_database() {
  local engine=$1 name=$2
  case $engine in
    postgresql)
      "${MIGRATIONS_TEST_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}/psql" -q "$PG_URL" -c "CREATE DATABASE $name" >/dev/null
      echo "${PG_URL%/postgres}/$name" ;;
    mariadb)
      mariadb --no-defaults -uroot --socket="$MARIADB_DIR/s.sock" -e "CREATE DATABASE $name"
      echo "${MARIADB_URL%/shop}/$name" ;;
    sqlite) echo "sqlite:$work/$name.db" ;;
  esac
}

printf '| engine | `dotnet test --no-build` (median of %s) | one deploy (median of %s) | ratio | limit 5x deploy + 10 s |\n| --- | --- | --- | --- | --- |\n' "$runs" "$runs"
for engine in $engines; do
  work=$base/$engine
  mkdir -p "$work"
  chmod 755 "$work"
  make_big_project "$root" "$work" "$count" "$engine"
  (
    cd "$work/Big.Db"
    export MSBUILDDISABLENODEREUSE=1 CI= MIGRATIONS_TEST_DATABASE=${MIGRATIONS_TEST_DATABASE:-local} TMPDIR=$work/
    dotnet build -v quiet -nologo >/dev/null
    dotnet test --no-build -nologo >/dev/null || { echo "dotnet test failed on $engine" >&2; exit 1; }
    for _ in $(seq "$runs"); do
      start=$(now)
      dotnet test --no-build -nologo -v quiet >/dev/null
      echo $(($(now) - start)) >> "$work/test.ns"
      echo "$engine: dotnet test took $(seconds "$(tail -1 "$work/test.ns")") s" >&2
      # Nothing the run started may outlive it: its servers live under TMPDIR.
      if pgrep -f "$work/" >/dev/null; then
        echo "a process started by dotnet test is still running after it returned:" >&2
        pgrep -af "$work/" >&2
        exit 1
      fi
    done
  )
  bundle=$(ls "$work"/Big.Db/bin/Debug/net10.0/*.mbundle)
  case $engine in
    postgresql) [[ -n ${PG_URL:-} ]] || start_throwaway_postgres ;;
    mariadb) [[ -n ${MARIADB_URL:-} ]] || start_throwaway_mariadb ;;
  esac
  for r in $(seq "$runs"); do
    url=$(fresh_database "$engine" "bench_deploy_$r")
    start=$(now)
    "${tool[@]}" deploy "$bundle" -c "$url" >/dev/null
    echo $(($(now) - start)) >> "$work/deploy.ns"
  done
  test_ns=$(median < "$work/test.ns")
  deploy_ns=$(median < "$work/deploy.ns")
  ratio=$(awk -v t="$test_ns" -v d="$deploy_ns" 'BEGIN { printf "%.1fx", t / d }')
  limit=$(awk -v t="$test_ns" -v d="$deploy_ns" 'BEGIN { print (t <= 5 * d + 10e9) ? "met" : "NOT met" }')
  printf '| %s | %s s | %s s | %s | %s |\n' "$engine" "$(seconds "$test_ns")" "$(seconds "$deploy_ns")" "$ratio" "$limit"
done
