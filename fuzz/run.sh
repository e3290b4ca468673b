#!/usr/bin/env bash
# Coverage-guided fuzzing of one Core parser with afl-fuzz and SharpFuzz (see docs/reliability.md).
#   fuzz/run.sh HARNESS SECONDS
# HARNESS: bundle-reader | sum-file | file-names | postgresql-splitter | mysql-splitter
# Installs afl++ (Debian) and the SharpFuzz tool if missing, builds the harness, instruments its copy of
# BuildMigrations.Core.dll, and fuzzes from fuzz/corpus/HARNESS. Findings go to fuzz/out/findings/HARNESS
# (crashes/ and hangs/ there; afl's log beside it). Replay them with the uninstrumented build (the
# instrumented Core needs AFL's shared memory):
#   dotnet run --project fuzz/BuildMigrations.Fuzz -c Release -- HARNESS fuzz/out/findings/HARNESS/default/crashes/id*
set -euo pipefail
cd "$(dirname "$0")"

harness=${1:?usage: fuzz/run.sh HARNESS SECONDS}
seconds=${2:?usage: fuzz/run.sh HARNESS SECONDS}
[[ -d corpus/$harness ]] || { echo "no corpus for harness '$harness' (fuzz/corpus/)" >&2; exit 2; }

if ! command -v afl-fuzz >/dev/null; then
  apt-get update
  apt-get install -y afl++
fi
tools=out/tools
if [[ ! -x $tools/sharpfuzz ]]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools"
fi

# A fresh output folder each time: an incremental build would not replace an already instrumented Core.
rm -rf out/bin
dotnet build BuildMigrations.Fuzz -c Release -o out/bin
"$tools/sharpfuzz" out/bin/BuildMigrations.Core.dll

case $harness in
  bundle-reader) dictionary=dictionaries/json.dict ;;
  sum-file | file-names) dictionary=dictionaries/names.dict ;;
  *) dictionary=dictionaries/sql.dict ;;
esac

findings=out/findings/$harness
rm -rf "$findings"
mkdir -p out/findings
# dotnet itself is not instrumented (SharpFuzz instruments Core and talks AFL's protocol), the machine's
# core_pattern may pipe cores elsewhere, and the cores are shared: hence the three AFL_ switches and nice.
# -t: a linear parser takes milliseconds; two seconds leaves room for the JIT, anything slower is a hang.
AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1 \
  nice -n 10 afl-fuzz -i "corpus/$harness" -o "$findings" -x "$dictionary" -t 2000 -m none -V "$seconds" \
  -- dotnet out/bin/BuildMigrations.Fuzz.dll "$harness" > "out/findings/$harness.log" 2>&1 \
  || { tail -30 "out/findings/$harness.log"; exit 1; }

stats=$findings/default/fuzzer_stats
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|edges_found|bitmap_cvg|stability|saved_crashes|saved_hangs) ' "$stats"
