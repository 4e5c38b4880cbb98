// The README's Neovim setup, run as written (only the server path filled in) in a real, headless Neovim:
// Debian bookworm's 0.7 with the 0.7 snippet, and the 0.8 snippet too where the installed Neovim is 0.8 or later.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { SERVER_PATH } from './support/lsp-test-client.js';

const README = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-nvim-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** `[major, minor]` of the `nvim` on PATH, or undefined when there is none. */
function neovimVersion(): [number, number] | undefined {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  const match = /^NVIM v(\d+)\.(\d+)/.exec(probe.stdout ?? '');
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** The Lua block of the README that follows the paragraph starting with `intro`. */
function readmeSnippet(intro: string): string {
  const at = README.indexOf(intro);
  assert.ok(at >= 0, `the README has a paragraph starting "${intro}"`);
  const block = /```lua\n([\s\S]*?)```/.exec(README.slice(at));
  assert.ok(block?.[1], `a lua block follows "${intro}"`);
  return block[1].replace('/path/to/dist/server.js', SERVER_PATH);
}

/** Open a workflow with a typo in Neovim configured by `snippet`; the diagnostics it got from the server. */
function diagnosticsInNeovim(snippet: string): { code?: string; line: number; message: string }[] {
  const workflow = join(dir, 'typo.dagger.yaml');
  const result = join(dir, 'diagnostics.json');
  writeFileSync(
    workflow,
    'steps:\n  - id: build\n    image: busybox\n  - id: test\n    image: busybox\n    depends_on: [biuld]\n',
  );
  rmSync(result, { force: true });
  const init = join(dir, 'init.lua');
  writeFileSync(
    init,
    `${snippet}
vim.cmd('edit ' .. vim.fn.fnameescape(${JSON.stringify(workflow)}))
vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(found, { code = d.code or lsp.code, line = d.lnum, message = d.message })
end
vim.fn.writefile({ vim.fn.json_encode(found) }, ${JSON.stringify(result)})
vim.cmd('qa!')
`,
  );
  const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', init], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: dir,
      XDG_DATA_HOME: dir,
      XDG_STATE_HOME: dir,
      XDG_CACHE_HOME: dir,
    },
  });
  assert.equal(run.status, 0, `nvim failed: ${run.stderr}${run.stdout}`);
  return JSON.parse(readFileSync(result, 'utf8')) as { code?: string; line: number; message: string }[];
}

const version = neovimVersion();
const EXPECTED = [
  { code: 'DW011', line: 5, message: 'step "test" depends on unknown step "biuld" (did you mean "build"?)' },
];

void test(
  'Neovim 0.7+: the README snippet attaches the server and shows its diagnostics',
  { skip: version ? false : "nvim is not installed (scripts/ci/setup.sh installs Debian's)" },
  () => {
    assert.deepEqual(diagnosticsInNeovim(readmeSnippet('Neovim 0.7 or later')), EXPECTED);
  },
);

void test(
  'Neovim 0.8+: the vim.lsp.start snippet does the same',
  {
    skip: !version
      ? 'nvim is not installed'
      : version[0] === 0 && version[1] < 8
        ? `nvim ${version.join('.')} has no vim.lsp.start (0.8+)`
        : false,
  },
  () => {
    assert.deepEqual(diagnosticsInNeovim(readmeSnippet('Neovim 0.8 or later')), EXPECTED);
  },
);
