#!/usr/bin/env bash
# Builds the container image of dotnet-migrate-bundle: the native (ahead-of-time compiled) tool FROM scratch, with
# the few shared libraries it loads copied from this machine, so no base image and no image registry are needed.
#
#   scripts/container-image.sh [TAG]        default TAG: dotnet-migrate-bundle:VERSION
#
# BM_NATIVE_DIR: a folder holding the native build (BuildMigrations.Tool and libe_sqlite3.so), e.g. the linux-x64
# tool package's tools/any/linux-x64, to put in the image instead of publishing one from this checkout.
#
# Needs a docker engine, and the .NET SDK with the native toolchain (clang) on linux-x64. See docs/kubernetes.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")
tag=${1:-dotnet-migrate-bundle:$version}
context=$(mktemp -d /tmp/bm-image-XXXXXX)
trap 'rm -rf "$context"' EXIT
rootfs=$context/rootfs

native=${BM_NATIVE_DIR:-$context/publish}
[[ -n ${BM_NATIVE_DIR:-} ]] || dotnet publish "$root/src/BuildMigrations.Tool" -c Release -r linux-x64 -o "$native" -nologo -v quiet >/dev/null

mkdir -p "$rootfs"/{app,tmp,work,home/nonroot,etc/ssl/certs}
# COPY makes everything root's; the tool runs as 65532 and writes only its temporary files and NuGet settings.
chmod 1777 "$rootfs/tmp" "$rootfs/work" "$rootfs/home/nonroot"
install -m 755 "$native/BuildMigrations.Tool" "$rootfs/app/dotnet-migrate-bundle"
install -m 644 "$native/libe_sqlite3.so" "$rootfs/app/libe_sqlite3.so"

# What the executables link, plus OpenSSL, which .NET opens at run time (bundle signatures, TLS to the database).
openssl=$(ldconfig -p | grep -oE '/[^ ]+/lib(ssl|crypto)\.so\.3$' | sort -u)
[[ -n $openssl ]] || { echo "container-image.sh: OpenSSL 3 (libssl3) is not installed on this machine" >&2; exit 1; }
# shellcheck disable=SC2086
libraries=$( { ldd "$rootfs/app/dotnet-migrate-bundle"; ldd "$rootfs/app/libe_sqlite3.so"; ldd $openssl; echo "$openssl"; } \
  | grep -oE '/[^ ]+\.so[^ :]*' | sort -u)
for library in $libraries; do
  mkdir -p "$rootfs$(dirname "$library")"
  cp -L "$library" "$rootfs$library"
done

cp -L /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$rootfs/etc/group"

# The classic builder: BuildKit (buildx) is often not installed beside a distribution's docker engine.
DOCKER_BUILDKIT=0 docker build --quiet -f "$root/container/Dockerfile" -t "$tag" "$context" >/dev/null
echo "$tag"
