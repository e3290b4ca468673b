#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1 (random free port, temp dir) for the demo; sourced.
# Sets PG_URL; stop_throwaway_postgres stops it and deletes its directory.

start_throwaway_postgres() {
  local bin=${MIGRATIONS_TEST_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}
  PG_DIR=$(mktemp -d /tmp/bm-demo-XXXXXX)
  chmod 755 "$PG_DIR"
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local as_user=()
  if [[ $(id -u) -eq 0 ]]; then
    # postgres refuses to run as root
    chown nobody:nogroup "$PG_DIR"
    as_user=(runuser -u nobody --)
  fi
  "${as_user[@]}" "$bin/initdb" -D "$PG_DIR/data" -A trust -U postgres --no-locale -E UTF8 --no-sync >/dev/null
  "${as_user[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  PG_STOP=("${as_user[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop)
  PG_URL="postgresql://postgres@127.0.0.1:$port/postgres"
}

stop_throwaway_postgres() {
  if [[ -n ${PG_DIR:-} ]]; then
    "${PG_STOP[@]}" >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
