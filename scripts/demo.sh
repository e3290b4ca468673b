#!/usr/bin/env bash
# The main job on the sample project: build its migrations into a bundle, verify it, deploy it to a
# throwaway local PostgreSQL, and show the status and the audit trail. Everything started is stopped.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/prerequisites.sh
source scripts/throwaway-postgres.sh
install_postgres

dotnet build src/BuildMigrations.Tool -c Release -v quiet -nologo >/dev/null
tool() { dotnet src/BuildMigrations.Tool/bin/Release/net10.0/BuildMigrations.Tool.dll "$@"; }
out=artifacts/demo
bundle=$out/Shop.Database.1.0.0.mbundle
mkdir -p "$out"

echo "== build"
tool build samples/Shop.Database/migrations --engine postgresql --name Shop.Database --version 1.0.0 --out "$bundle"
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
