#!/bin/sh
# Prints the path of a mediasoup-worker binary built against Debian 12's own
# libraries, building and caching it first when needed:
#
#   sh scripts/setup/mediasoup-worker.sh <cache-dir>
#
# The cache key is the mediasoup version plus a hash of this recipe (this file
# and the meson patch), so changing the recipe rebuilds and nothing else does.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=$1
MEDIASOUP_VERSION=3.12.16
. "$ROOT/scripts/setup/common.sh"

recipe=$(cat "$ROOT/scripts/setup/mediasoup-worker.sh" "$ROOT/scripts/setup/patch-mediasoup-meson.ts" | sha256sum | cut -c1-12)
bin="$CACHE/mediasoup-worker-$MEDIASOUP_VERSION-$recipe/mediasoup-worker"
if [ -x "$bin" ]; then printf '%s\n' "$bin"; exit 0; fi

apt_ensure g++ meson ninja-build pkg-config libssl-dev libuv1-dev libsrtp2-dev \
  libusrsctp-dev libabsl-dev nlohmann-json3-dev
build="$CACHE/mediasoup-worker-build.$$"
rm -rf "$build"
mkdir -p "$build"
say "building the mediasoup $MEDIASOUP_VERSION worker against Debian libraries (about 4 minutes on 2 cores; cached afterwards)"
(cd "$build" && npm pack --silent "mediasoup@$MEDIASOUP_VERSION" >/dev/null 2>&1 && tar xzf "mediasoup-$MEDIASOUP_VERSION.tgz")
node "$ROOT/scripts/setup/patch-mediasoup-meson.ts" "$build/package/worker"
if ! (cd "$build/package/worker" && meson setup out --buildtype release -Db_ndebug=true >"$build/meson.log" 2>&1); then
  tail -40 "$build/meson.log" >&2
  exit 1
fi
# ninja's "[n/N] Compiling ..." lines are the progress display.
ninja -C "$build/package/worker/out" mediasoup-worker >&2
mkdir -p "$(dirname "$bin")"
cp "$build/package/worker/out/mediasoup-worker" "$bin.partial"
mv "$bin.partial" "$bin"
rm -rf "$build"
say "mediasoup worker cached at $bin"
printf '%s\n' "$bin"
