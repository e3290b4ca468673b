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

for project in sdk/BuildMigrations.Sdk src/BuildMigrations.Testing; do
  dotnet pack "$root/$project" -c Release -o "$work/feed" -v quiet -nologo >/dev/null
done
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")
echo '{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" } }' > "$work/global.json"
cat > "$work/NuGet.Config" <<XML
<configuration>
  <packageSources><add key="local" value="$work/feed" /></packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="BuildMigrations.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
  <config><add key="globalPackagesFolder" value="$work/packages" /></config>
</configuration>
XML
mkdir -p "$work/Big.Db/migrations"
cat > "$work/Big.Db/Big.Db.csproj" <<XML
<Project Sdk="BuildMigrations.Sdk/$version">
  <PropertyGroup><MigrationsEngine>postgresql</MigrationsEngine><Version>1.0.0</Version></PropertyGroup>
</Project>
XML
for i in $(seq -f '%04g' 1 "$count"); do
  printf 'CREATE TABLE t%s (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);\nCREATE INDEX t%s_name ON t%s (name);\n' "$i" "$i" "$i" > "$work/Big.Db/migrations/${i}_table_${i}.up.sql"
  printf 'DROP TABLE t%s;\n' "$i" > "$work/Big.Db/migrations/${i}_table_${i}.down.sql"
done

cd "$work/Big.Db"
export MSBUILDDISABLENODEREUSE=1 CI= MIGRATIONS_TEST_DATABASE=${MIGRATIONS_TEST_DATABASE:-local} TMPDIR=$work/
dotnet build -v quiet -nologo >/dev/null
dotnet test --no-build -nologo | grep -E 'Passed!|Failed!'
hyperfine --runs 3 -n "dotnet test, $count migrations ($MIGRATIONS_TEST_DATABASE sandbox)" 'dotnet test --no-build -nologo -v quiet'
