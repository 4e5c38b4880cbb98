// Runs the test suites with Node's built-in runner (its summary closes the output, which CI reads).
// Usage: node scripts/run-tests.mjs [suite…]   suites: unit lsp docker serve e2e (default: all)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const all = ['unit', 'lsp', 'docker', 'serve', 'e2e'];
const suites = process.argv.slice(2).length ? process.argv.slice(2) : all;
const files = suites.flatMap((suite) => findTests(join('test', suite)));

function findTests(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

// The CLI, server and runner tests drive dist/: build it, so no suite runs against a stale bundle.
const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const args = ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files];
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(result.status ?? 1);
