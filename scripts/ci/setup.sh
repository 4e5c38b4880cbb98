#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine; every step is idempotent and cheap when done.
set -euo pipefail
cd "$(dirname "$0")/../.."

step() { printf '\n== %s\n' "$*" >&2; }

step "npm dependencies"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

step "Docker engine"
bash scripts/ci/start-docker.sh

step "test images"
bash scripts/ci/build-test-images.sh

step "HTTP clients of the README's REST examples (curl, Python requests)"
bash scripts/ci/install-example-clients.sh

step "second schema validator and Neovim (editor checks)"
bash scripts/ci/install-editor-checkers.sh

step "code-server workbench and Chromium (e2e)"
bash scripts/ci/install-code-server.sh

step "build"
npm run build
