#!/usr/bin/env bash
# The project's whole check, as CI runs it: set up, static checks, then every test suite.
# The last thing printed is the test runner's summary.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ci/setup.sh

printf '\n== static checks\n' >&2
npm run --silent check-types
npm run --silent lint
npm run --silent format-check

printf '\n== tests\n' >&2
node scripts/run-tests.mjs
