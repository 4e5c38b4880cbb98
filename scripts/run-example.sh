#!/usr/bin/env bash
# Runs examples/hello.dagger.yaml end to end on Docker, from a fresh machine: installs the npm dependencies and
# builds when needed, starts the Docker engine (installing it with apt when missing), builds the example's
# local image (no registry is needed), then runs the workflow with the dagger-wf CLI.
# Extra arguments go to `dagger-wf run`, e.g. `bash scripts/run-example.sh --input who=you --json`.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then npm ci --no-audit --no-fund; fi
if [ ! -f dist/cli.js ]; then npm run --silent build; fi
bash scripts/ci/start-docker.sh
bash scripts/ci/build-test-images.sh

exec node -- dist/cli.js run examples/hello.dagger.yaml "$@"
