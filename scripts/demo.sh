#!/usr/bin/env bash
# The main job on the sample project: build its migrations into a bundle, then verify and inspect it.
set -euo pipefail
cd "$(dirname "$0")/.."

tool() { dotnet run --project src/BuildMigrations.Tool -c Release -- "$@"; }
out=artifacts/demo
mkdir -p "$out"

tool build samples/Shop.Database/migrations --engine postgresql --name Shop.Database --version 1.0.0 \
  --out "$out/Shop.Database.1.0.0.mbundle"
tool verify "$out/Shop.Database.1.0.0.mbundle"
tool inspect "$out/Shop.Database.1.0.0.mbundle"
