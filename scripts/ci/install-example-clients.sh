#!/usr/bin/env bash
# Installs the HTTP clients the README's `dagger-wf serve` examples use (curl, Python requests), so the test that
# runs those examples word for word (test/serve/readme-examples.test.ts) can. Idempotent.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if command -v curl >/dev/null 2>&1 && python3 -c 'import requests' >/dev/null 2>&1; then
  echo "install-example-clients: curl and python3-requests present" >&2
  exit 0
fi
echo "install-example-clients: installing curl and python3-requests with apt" >&2
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl python3 python3-requests >/dev/null
