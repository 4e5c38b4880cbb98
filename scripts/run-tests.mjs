// Runs test suites with Node's built-in runner, in one invocation: its summary closes the output (CI reads it).
// Usage: node scripts/run-tests.mjs [suite…]   no suite: every suite, in the order below (what CI runs).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {{ bundles: boolean, entry?: string }} Suite
 * Each suite is a folder of test/. `bundles`: the suite drives dist/ (the CLI, the servers, the layout worker,
 * the .vsix), so it is built first and no suite runs against a stale bundle. `entry`: the suite runs in one
 * process from that file instead of one process per file.
 * @type {Record<string, Suite>}
 */
const SUITES = {
  unit: { bundles: false, entry: 'test/unit/run-all.ts' }, // pure functions and fakes: the default `npm test`
  property: { bundles: false }, // random edits: incremental = full parse, the validator never throws
  interop: { bundles: false }, // other programs on what we hand them: python-jsonschema, real shells
  cli: { bundles: true }, // the built dagger-wf as a subprocess
  integration: { bundles: true }, // the graph's ELK layout worker thread
  lsp: { bundles: true }, // the language server over the real protocol
  fuzz: { bundles: true }, // thousands of mutations sent to one language server
  docker: { bundles: true }, // the runner on the real Docker engine
  serve: { bundles: true }, // dagger-wf serve's REST API over HTTP, runs on the real Docker engine
  e2e: { bundles: true }, // the packaged extension in code-server, driven through Chromium
};

const asked = process.argv.slice(2);
const unknown = asked.filter((suite) => !(suite in SUITES));
if (unknown.length) {
  console.error(`unknown suite ${unknown.join(', ')}; suites: ${Object.keys(SUITES).join(' ')}`);
  process.exit(2);
}
const suites = asked.length ? asked : Object.keys(SUITES);
const files = suites.flatMap((suite) => SUITES[suite]?.entry ?? findTests(join('test', suite)));

/**
 * Every `*.test.ts` under `dir`, in a stable order.
 * @param {string} dir
 * @returns {string[]}
 */
function findTests(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return findTests(path);
      return name.endsWith('.test.ts') ? [path] : [];
    });
}

if (suites.some((suite) => SUITES[suite]?.bundles)) {
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// One file at a time: the Docker and workbench suites share one engine and a loaded machine.
const args = ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files];
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(result.status ?? 1);
