#!/usr/bin/env bash
# Benchmark: `dotnet migrate-bundle` side by side with the peers of ../shared/peers-bench (psql, the mariadb
# client, dbmate ...). Packs the tool from this checkout, installs it the way users do (dotnet tool install
# from the local feed), starts the harness's throwaway servers (setup.sh: needs root), runs the harness with
# our tool plugged in (BM_TOOL), then prints our ratios to the baselines and to dbmate from its raw.tsv.
# Knobs: NS, RUNS, SERVERS, PEERS here, and every other run.sh/setup.sh knob (CAP_S, STARTUP_RUNS, PB ...)
# from the environment. Servers this script started are stopped at exit (KEEP_SERVERS=1 keeps them).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
harness=$root/../shared/peers-bench
[[ -x $harness/run.sh ]] || { echo "peers.sh: the peer harness is missing: expected $harness (../shared/peers-bench next to the repository root)" >&2; exit 1; }
harness=$(cd "$harness" && pwd)
((EUID == 0)) || { echo "peers.sh: $harness/setup.sh needs root (apt-get, tmpfs mounts, runuser)" >&2; exit 1; }

export NS=${NS:-1000} RUNS=${RUNS:-3} SERVERS=${SERVERS:-0}
export PEERS=${PEERS:-"psql mariadb-cli dbmate:pg dbmate:mariadb buildmigrations:pg buildmigrations:mariadb"}
PB=${PB:-/tmp/peerbench}
work=$(mktemp -d /tmp/bm-peers-XXXXXX)
chmod 755 "$work"   # the harness runs psql/initdb as the postgres user
# Stop the servers only if they were not already up: someone else's servers are not ours to stop.
servers_were_up=0
[[ -f $PB/pg/data/postmaster.pid || -f $PB/maria/mariadbd.pid ]] && servers_were_up=1
cleanup() {
  [[ $servers_were_up == 0 && ${KEEP_SERVERS:-0} != 1 ]] && "$harness/stop.sh" || true
  rm -rf "$work"
}
trap cleanup EXIT

# The tool as users get it. A private NuGet packages folder: a same-version package cached earlier from
# another checkout would otherwise be installed instead of this one.
package=$(sed -n 's:.*<PackageId>\(.*\)</PackageId>.*:\1:p' "$root/src/BuildMigrations.Tool/BuildMigrations.Tool.csproj")
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")
# The top-level package and the framework-dependent fallback, then the native linux-x64 package, which
# `dotnet tool install` picks on this machine.
dotnet pack "$root/src/BuildMigrations.Tool" -c Release -o "$root/artifacts/packages" -v quiet -nologo >/dev/null
dotnet pack "$root/src/BuildMigrations.Tool" -c Release -r linux-x64 -o "$root/artifacts/packages" -v quiet -nologo >/dev/null
NUGET_PACKAGES=$work/nuget dotnet tool install "$package" --tool-path "$work/tool" \
  --add-source "$root/artifacts/packages" --version "$version" >/dev/null
export BM_TOOL=$work/tool/$package
echo "tool: $("$BM_TOOL" --version) ($package $version from $root, commit $(git -C "$root" rev-parse --short HEAD))"

echo "load before: $(uptime)"
"$harness/setup.sh"
"$harness/run.sh"
echo "load after: $(uptime)"

# Ratios of medians; a cell with any failed run prints FAIL rather than a median of the runs that worked.
python3 - "$PB/results/raw.tsv" <<'PY'
import csv, statistics, sys
runs = {}
for row in csv.reader((l for l in open(sys.argv[1]) if not l.startswith('#')), delimiter='\t'):
    if row[0] in ('matrix', 'startup'):
        ok = row[7] in ('ok', 'rc=0')
        runs.setdefault((row[0], row[1], row[2], row[3], row[5]), []).append(float(row[6]) if ok else None)
def med(*key):
    v = runs.get(key)
    return None if not v or None in v else statistics.median(v)
def cell(x): return 'FAIL' if x is None else f'{x:.3f}'
def ratio(a, b): return '-' if a is None or b is None else f'{a / b:.2f}x'
print('\n### BuildMigrations / peers (ratio of medians)\n')
print('| engine | N | step | ours s | baseline s | ours / baseline | dbmate s | ours / dbmate |')
print('|---|---:|---|---:|---:|---:|---:|---:|')
for n in sorted({k[3] for k in runs if k[0] == 'matrix'}, key=int):
    for engine, base in (('pg', 'psql'), ('mariadb', 'mariadb-cli')):
        for op in ('apply', 'rollback', 'noop'):
            o, b, d = (med('matrix', t, engine, n, op) for t in ('buildmigrations', base, 'dbmate'))
            print(f'| {engine} ({base}) | {n} | {op} | {cell(o)} | {cell(b)} | {ratio(o, b)} | {cell(d)} | {ratio(o, d)} |')
o, d = (med('startup', t, '-', '-', 'startup') for t in ('buildmigrations', 'dbmate'))
for engine, base in (('pg', 'psql'), ('mariadb', 'mariadb-cli')):
    b = med('startup', base, '-', '-', 'startup')
    print(f'| {engine} ({base}) | - | --version | {cell(o)} | {cell(b)} | {ratio(o, b)} | {cell(d)} | {ratio(o, d)} |')
PY
