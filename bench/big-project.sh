#!/usr/bin/env bash
# Sourced by the benchmarks: packs this repository's SDK and Testing packages into a local feed and writes a
# migrations project with N generated up/down pairs, restoring BuildMigrations.* only from that feed.
# Usage: make_big_project ROOT WORK COUNT [ENGINE]   (creates WORK/Big.Db; ENGINE postgresql (default), mariadb or sqlite)

make_big_project() {
  local root=$1 work=$2 count=$3 engine=${4:-postgresql} project
  for project in sdk/BuildMigrations.Sdk src/BuildMigrations.Testing; do
    dotnet pack "$root/$project" -c Release -o "$work/feed" -v quiet -nologo >/dev/null
  done
  local version
  version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")
  echo '{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" } }' > "$work/global.json"
  source "$root/scripts/local-feed-config.sh"
  write_local_feed_config "$work/NuGet.Config" "$work/feed" "$work/packages"
  mkdir -p "$work/Big.Db/migrations"
  cat > "$work/Big.Db/Big.Db.csproj" <<XML
<Project Sdk="BuildMigrations.Sdk/$version">
  <PropertyGroup><MigrationsEngine>$engine</MigrationsEngine><Version>1.0.0</Version></PropertyGroup>
</Project>
XML
  # The same table and index in each engine's own words.
  local table
  case $engine in
    postgresql) table='id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL' ;;
    mariadb|mysql) table='id bigint AUTO_INCREMENT PRIMARY KEY, name varchar(200) NOT NULL' ;;
    sqlite) table='id INTEGER PRIMARY KEY, name TEXT NOT NULL' ;;
  esac
  local i
  for i in $(seq -f '%04g' 1 "$count"); do
    printf 'CREATE TABLE t%s (%s);\nCREATE INDEX t%s_name ON t%s (name);\n' "$i" "$table" "$i" "$i" > "$work/Big.Db/migrations/${i}_table_${i}.up.sql"
    printf 'DROP TABLE t%s;\n' "$i" > "$work/Big.Db/migrations/${i}_table_${i}.down.sql"
  done
}
