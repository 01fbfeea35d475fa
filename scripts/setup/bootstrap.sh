#!/bin/sh
# Brings a fresh Debian 12 clone to a runnable state, idempotently, then runs
# the given command with Node 24 on PATH and the mediasoup worker configured:
#
#   sh scripts/setup/bootstrap.sh <command> [args...]
#
# Everything heavy is cached outside the clone in $DIEN_HONG_CACHE
# (default ~/.cache/dien-hong), keyed by version and recipe, so a second clone
# or a second run costs seconds.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${DIEN_HONG_CACHE:-$HOME/.cache/dien-hong}
NODE_VERSION=24.21.0
mkdir -p "$CACHE"

. "$ROOT/scripts/setup/common.sh"

# --- Node.js >= 22.12 ------------------------------------------------------
node_is_recent() {
  command -v node >/dev/null 2>&1 && node -e '
    const [major, minor] = process.versions.node.split(".").map(Number);
    process.exit(major > 22 || (major === 22 && minor >= 12) ? 0 : 1);'
}

ensure_node() {
  if node_is_recent; then return 0; fi
  node_home="$CACHE/node-$NODE_VERSION"
  if [ ! -x "$node_home/node_modules/node/bin/node" ]; then
    say "system Node $(node --version 2>/dev/null || echo 'missing') is too old; installing Node $NODE_VERSION from the npm registry"
    rm -rf "$node_home.partial"
    mkdir -p "$node_home.partial"
    npm install --prefix "$node_home.partial" --no-save --no-package-lock --loglevel=error "node@$NODE_VERSION" >&2
    rm -rf "$node_home"
    mv "$node_home.partial" "$node_home"
  fi
  PATH="$node_home/node_modules/node/bin:$PATH"
  export PATH
  node_is_recent || { say "Node $NODE_VERSION did not install correctly"; exit 1; }
}

# --- npm dependencies ------------------------------------------------------
# Reinstalls when the lockfile or the Node ABI changed since the last install.
ensure_node_modules() {
  stamp="$ROOT/node_modules/.dien-hong-install"
  want="$(node -p 'process.versions.modules')-$(sha256sum "$ROOT/package-lock.json" | cut -c1-16)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  say "installing npm dependencies (npm ci)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >&2)
  printf '%s' "$want" > "$stamp"
}

# --- mediasoup worker ------------------------------------------------------
ensure_worker() {
  if [ -n "${DIEN_HONG_WORKER_BIN:-}" ]; then
    MEDIASOUP_WORKER_BIN=$DIEN_HONG_WORKER_BIN
  else
    MEDIASOUP_WORKER_BIN=$(sh "$ROOT/scripts/setup/mediasoup-worker.sh" "$CACHE")
  fi
  export MEDIASOUP_WORKER_BIN
}

# --- test browser ----------------------------------------------------------
ensure_test_browser() {
  apt_ensure chromium fonts-noto-core
}

# --- main ------------------------------------------------------------------
# Electron's binary comes from GitHub, unreachable here; `npm run desktop` fetches it where it can.
ELECTRON_SKIP_BINARY_DOWNLOAD=${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}
export ELECTRON_SKIP_BINARY_DOWNLOAD

case "${1:-}" in
  "") say "usage: bootstrap.sh [--with-browser] <command> [args...]"; exit 2 ;;
  --with-browser) shift; WITH_BROWSER=1 ;;
  *) WITH_BROWSER=0 ;;
esac

ensure_node
ensure_worker
ensure_node_modules
[ "$WITH_BROWSER" = 1 ] && ensure_test_browser
cd "$ROOT"
exec "$@"
