#!/usr/bin/env bash
# Installs the independent tools the tests check our editor support against, with apt, idempotently:
#   - python3-jsonschema: a second JSON-schema validator (Draft 7) for schemas/workflow.schema.json
#     (test/interop/core/validate/schema-agrees-with-validator.test.ts runs it with /usr/bin/python3);
#   - neovim: Debian's 0.7 LSP client, to prove the README's Neovim setup (test/lsp/neovim-client.test.ts).
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
/usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1 || missing+=(python3-jsonschema)
command -v nvim >/dev/null 2>&1 || missing+=(neovim)

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-editor-checkers: python3-jsonschema and neovim already installed" >&2
  exit 0
fi
echo "install-editor-checkers: installing ${missing[*]} with apt" >&2
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
