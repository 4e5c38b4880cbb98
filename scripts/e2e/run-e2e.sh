#!/bin/sh
# Runs the extension's end-to-end tests (integration tests in code-server's extension host, UI tests in Chromium,
# Workspace Trust) from nothing: installs code-server and Chromium if needed, builds, runs the e2e suite.
# Screenshots land in test-artifacts/; scripts/e2e/update-readme-images.sh copies the README's into docs/images/.
set -eu
cd "$(dirname "$0")/../.."
sh scripts/ci/install-code-server.sh
npm run build
node scripts/run-tests.mjs e2e
