#!/usr/bin/env bash
# The main job on the sample project: `dotnet build` turns its migrations into a bundle (through the SDK
# package this repository produces), `dotnet test` proves every migration and rollback on a throwaway
# database, then the bundle is verified, deployed to a throwaway local PostgreSQL, and the status and audit
# trail are shown. Everything started is stopped.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/prerequisites.sh
source scripts/throwaway-postgres.sh
install_postgres

echo "== pack the SDK, then dotnet build the sample project"
for project in sdk/BuildMigrations.Sdk src/BuildMigrations.Testing; do
  dotnet pack "$project" -c Release -o artifacts/packages -v quiet -nologo >/dev/null
done
rm -rf artifacts/sample-packages  # the SDK version does not change between local packs: never reuse a stale copy
dotnet build samples/Shop.Database -nologo -v minimal
echo "== dotnet test the sample project (every migration: up, down restores the schema, up again, verify)"
dotnet test samples/Shop.Database --no-build -nologo --logger "console;verbosity=normal" | grep -E '^\s+(Passed|Failed) |Total tests|Passed:|Failed:' 
dotnet build src/BuildMigrations.Tool -c Release -v quiet -nologo >/dev/null
tool() { dotnet src/BuildMigrations.Tool/bin/Release/net10.0/BuildMigrations.Tool.dll "$@"; }
bundle=samples/Shop.Database/bin/Debug/net10.0/Shop.Database.1.0.0.mbundle

echo "== verify"
tool verify "$bundle"

trap stop_throwaway_postgres EXIT
start_throwaway_postgres
echo "== deploy to a throwaway PostgreSQL ($PG_URL)"
tool deploy "$bundle" -c "$PG_URL"
echo "== deploy again (nothing to do)"
tool deploy "$bundle" -c "$PG_URL"
echo "== status"
tool status "$bundle" -c "$PG_URL"
echo "== history"
tool history -c "$PG_URL"
