#!/usr/bin/env bash
# The main job on a sample project: `dotnet build` turns its migrations into a bundle (through the SDK package this
# repository produces), `dotnet test` proves every migration and rollback on a throwaway database, then the bundle
# is verified, deployed to a throwaway database, deployed again (a no-op), and the status and audit trail are
# shown. Everything started is stopped.
#
#   ./scripts/demo.sh              SQLite: needs nothing but the .NET SDK
#   ./scripts/demo.sh postgresql   a throwaway local PostgreSQL (installs postgresql-15 when missing and root)
#   ./scripts/demo.sh mariadb      a throwaway local MariaDB (installs mariadb-server when missing and root)
set -euo pipefail
cd "$(dirname "$0")/.."

engine=${1:-sqlite}
case $engine in
  sqlite | postgresql | mariadb) ;;
  *) echo "usage: $0 [sqlite|postgresql|mariadb]" >&2; exit 2 ;;
esac
project=samples/$engine/Shop.Database

echo "== pack the SDK, then dotnet build the $engine sample project"
for package in sdk/BuildMigrations.Sdk src/BuildMigrations.Testing; do
  dotnet pack "$package" -c Release -o artifacts/packages -v quiet -nologo >/dev/null
done
rm -rf artifacts/sample-packages  # the SDK version does not change between local packs: never reuse a stale copy
source scripts/local-feed-config.sh
write_local_feed_config samples/NuGet.Config "$PWD/artifacts/packages" "$PWD/artifacts/sample-packages"
dotnet build "$project" -nologo -v minimal

case $engine in
  postgresql)
    source scripts/prerequisites.sh
    source scripts/throwaway-postgres.sh
    install_postgres
    trap stop_throwaway_postgres EXIT
    ;;
  mariadb)
    source scripts/prerequisites.sh
    source scripts/throwaway-mariadb.sh
    install_mariadb
    trap stop_throwaway_mariadb EXIT
    ;;
esac

echo "== dotnet test the sample project (every migration: up, down restores the schema, up again, verify)"
dotnet test "$project" --no-build -nologo --logger "console;verbosity=normal" | grep -E '^\s+(Passed|Failed) |Total tests|Passed:|Failed:'
dotnet build src/BuildMigrations.Tool -c Release -v quiet -nologo >/dev/null
tool() { dotnet src/BuildMigrations.Tool/bin/Release/net10.0/BuildMigrations.Tool.dll "$@"; }
bundle=$project/bin/Debug/net10.0/Shop.Database.1.0.0.mbundle

echo "== verify"
tool verify "$bundle"

case $engine in
  sqlite)
    demo_dir=$(mktemp -d)
    trap 'rm -rf "$demo_dir"' EXIT
    url="sqlite:$demo_dir/shop.db"
    ;;
  postgresql) start_throwaway_postgres; url=$PG_URL ;;
  mariadb) start_throwaway_mariadb; url=$MARIADB_URL ;;
esac
echo "== deploy to a throwaway $engine database ($url)"
tool deploy "$bundle" -c "$url"
echo "== deploy again (nothing to do)"
tool deploy "$bundle" -c "$url"
echo "== status"
tool status "$bundle" -c "$url"
echo "== history"
tool history -c "$url"
