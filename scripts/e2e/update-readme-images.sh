#!/bin/sh
# Copies the screenshots the README shows from the last e2e run (test-artifacts/) into docs/images/.
set -eu
cd "$(dirname "$0")/../.."
for name in run-in-progress step-output completion-depends-on run-failed untrusted-run-refused debug-paused graph; do
  if [ ! -f "test-artifacts/$name.png" ]; then
    echo "test-artifacts/$name.png is missing: run scripts/e2e/run-e2e.sh first" >&2
    exit 1
  fi
  cp "test-artifacts/$name.png" "docs/images/$name.png"
done
ls -l docs/images
