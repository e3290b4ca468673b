#!/usr/bin/env bash
# Starts a throwaway MariaDB on 127.0.0.1 (random free port, temp dir) for the demo; sourced.
# Sets MARIADB_URL; stop_throwaway_mariadb stops it and deletes its directory.

start_throwaway_mariadb() {
  MARIADB_DIR=$(mktemp -d /tmp/bm-demo-mariadb-XXXXXX)
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local user
  user=$(id -un)
  mariadb-install-db --user="$user" --datadir="$MARIADB_DIR/data" --auth-root-authentication-method=normal \
    --skip-test-db >/dev/null 2>&1
  mariadbd --no-defaults --user="$user" --datadir="$MARIADB_DIR/data" --socket="$MARIADB_DIR/s.sock" --port="$port" \
    --bind-address=127.0.0.1 --skip-name-resolve --tmpdir="$MARIADB_DIR" \
    --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 >"$MARIADB_DIR/server.log" 2>&1 &
  MARIADB_PID=$!
  for _ in $(seq 100); do
    mariadb --no-defaults -uroot --socket="$MARIADB_DIR/s.sock" -e "CREATE DATABASE IF NOT EXISTS shop" >/dev/null 2>&1 && break
    sleep 0.1
  done
  MARIADB_URL="mariadb://root@127.0.0.1:$port/shop"
}

stop_throwaway_mariadb() {
  if [[ -n ${MARIADB_PID:-} ]]; then
    kill "$MARIADB_PID" 2>/dev/null || true
    wait "$MARIADB_PID" 2>/dev/null || true
    rm -rf "$MARIADB_DIR"
  fi
}
