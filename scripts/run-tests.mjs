// Runs the test suites with Node's built-in runner (its summary closes the output, which CI reads).
// Usage: node scripts/run-tests.mjs [suite…]   suites: unit lsp docker e2e (default: all)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const all = ['unit', 'lsp', 'docker', 'e2e'];
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

const args = ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files];
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(result.status ?? 1);
