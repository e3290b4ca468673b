#!/usr/bin/env bash
# What the tests and the demo need beyond the .NET SDK, installed only when missing (needs root on a fresh
# machine; Debian/Ubuntu packages).

POSTGRES_BIN=${MIGRATIONS_TEST_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}

apt_install() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "missing: $* (install them, or run this script as root)" >&2
    return 1
  fi
  if [[ -z ${_apt_updated:-} ]]; then
    apt-get update -qq
    _apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

install_postgres() {
  [[ -x $POSTGRES_BIN/initdb && -x $POSTGRES_BIN/pg_ctl ]] || apt_install postgresql-15
  # The package's own cluster is not used: tests start throwaway servers on random ports.
  command -v psql >/dev/null || apt_install postgresql-client-15
}

install_test_prerequisites() {
  install_postgres
}
