#!/usr/bin/env bash
# Sourced by the benchmarks: packs this repository's SDK and Testing packages into a local feed and writes a
# migrations project with N generated up/down pairs, restoring BuildMigrations.* only from that feed.
# Usage: make_big_project ROOT WORK COUNT   (creates WORK/Big.Db)

make_big_project() {
  local root=$1 work=$2 count=$3 project
  for project in sdk/BuildMigrations.Sdk src/BuildMigrations.Testing; do
    dotnet pack "$root/$project" -c Release -o "$work/feed" -v quiet -nologo >/dev/null
  done
  local version
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
  local i
  for i in $(seq -f '%04g' 1 "$count"); do
    printf 'CREATE TABLE t%s (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);\nCREATE INDEX t%s_name ON t%s (name);\n' "$i" "$i" "$i" > "$work/Big.Db/migrations/${i}_table_${i}.up.sql"
    printf 'DROP TABLE t%s;\n' "$i" > "$work/Big.Db/migrations/${i}_table_${i}.down.sql"
  done
}
