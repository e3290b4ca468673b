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

# Docker for the container sandbox tests: ../shared/scripts/test-images.sh (beside this repository on the
# project's machines and CI) starts dockerd and builds local images from this machine's packages, since no
# image registry is reachable there. Elsewhere, an engine that already answers is used with the official images.
install_docker() {
  local images=../shared/scripts/test-images.sh
  if [[ -x $images && $(id -u) -eq 0 ]]; then
    # test-images.sh copies /bin/busybox into its images without libraries: it must be the static build.
    ldd /bin/busybox 2>&1 | grep -q "not a dynamic executable" || apt_install busybox-static
    bash "$images" all
    export MIGRATIONS_TEST_POSTGRES_IMAGE=${MIGRATIONS_TEST_POSTGRES_IMAGE:-local/postgres:15}
    export MIGRATIONS_TEST_MARIADB_IMAGE=${MIGRATIONS_TEST_MARIADB_IMAGE:-local/mariadb:10.11}
    export MIGRATIONS_TEST_DOCKER_NETWORK=${MIGRATIONS_TEST_DOCKER_NETWORK:-host}
  elif ! docker info >/dev/null 2>&1; then
    echo "note: no docker engine answers; the docker sandbox test is skipped (MIGRATIONS_TEST_SKIP_DOCKER=1)" >&2
    export MIGRATIONS_TEST_SKIP_DOCKER=1
  fi
}

install_mariadb() {
  command -v mariadbd >/dev/null || [[ -x /usr/sbin/mariadbd ]] || apt_install mariadb-server
  command -v mariadb >/dev/null || apt_install mariadb-client
}

# The tool's linux-arm64 native package is cross-compiled here (clang, with the arm64 C libraries of
# gcc-aarch64-linux-gnu) and its executable is run under qemu's user-mode emulation.
install_arm64_cross() {
  [[ $(uname -m) == x86_64 ]] || return 0
  command -v clang >/dev/null && command -v aarch64-linux-gnu-gcc >/dev/null && command -v qemu-aarch64-static >/dev/null ||
    apt_install clang gcc-aarch64-linux-gnu qemu-user-static
}

install_test_prerequisites() {
  install_postgres
  install_mariadb
  install_docker
  install_arm64_cross
}
