#!/bin/sh
# Copies the screenshots the README shows from the last e2e run (test-artifacts/) into docs/images/, and the
# walkthrough's pictures into client/media/walkthrough/.
set -eu
cd "$(dirname "$0")/../.."
copy() {
  if [ ! -f "test-artifacts/$1.png" ]; then
    echo "test-artifacts/$1.png is missing: run scripts/e2e/run-e2e.sh first" >&2
    exit 1
  fi
  cp "test-artifacts/$1.png" "$2"
}
for name in run-in-progress step-output completion-depends-on run-failed untrusted-run-refused debug-paused graph; do
  copy "$name" "docs/images/$name.png"
done
copy pull-progress docs/images/pull-progress.png
copy walkthrough-new-workflow client/media/walkthrough/new-workflow.png
copy walkthrough-run client/media/walkthrough/run.png
copy walkthrough-step-output client/media/walkthrough/step-output.png
ls -l docs/images client/media/walkthrough
