import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CacheStore, type CacheEntry } from '../../core/cache/cache-store.js';
import { assertNoStackTrace, runCli } from './run-cli.js';

function entry(key: string, step: string, daysOld: number): CacheEntry {
  return {
    version: 1,
    key,
    workflow: 'ci.dagger.yaml',
    step,
    components: { image: 'sha256:aaaa', command: 'sha256:bbbb' },
    outputs: { version: '1.2' },
    log: 'built\n',
    created_at: new Date(Date.now() - daysOld * 86_400_000).toISOString(),
    run_id: '20261201-120000-abcd',
  };
}

const NEW = 'a'.repeat(64);
const OLD = 'b'.repeat(64);

function filledCache(): { dir: string; store: CacheStore; corrupt: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-cache-cli-'));
  const store = new CacheStore(dir);
  store.write(entry(NEW, 'build', 0));
  store.write(entry(OLD, 'test', 30));
  const corrupt = join(dir, 'entries', 'cc', `${'c'.repeat(64)}.json`);
  store.write(entry('c'.repeat(64), 'lint', 0));
  writeFileSync(corrupt, '{"half":');
  return { dir, store, corrupt };
}

void test('cache ls lists entries newest first and names unreadable ones; --json too', () => {
  const { dir, corrupt } = filledCache();
  const listed = runCli(['cache', 'ls', '--cache-dir', dir]);
  assert.equal(listed.status, 0, listed.stderr);
  const lines = listed.stdout.trim().split('\n');
  assert.match(lines[0] ?? '', /^KEY\s+WORKFLOW\s+STEP\s+AGE\s+SIZE\s+RUN$/);
  assert.match(
    lines[1] ?? '',
    /^aaaaaaaaaaaa\s+ci\.dagger\.yaml\s+build\s+\d+ s\s+\d+ B\s+20261201-120000-abcd$/,
  );
  assert.match(lines[2] ?? '', /^bbbbbbbbbbbb\s+ci\.dagger\.yaml\s+test\s+30 d/);
  assert.ok(listed.stderr.includes(corrupt));
  const json = JSON.parse(runCli(['cache', 'ls', '--json', '--cache-dir', dir]).stdout) as {
    entries: { key: string }[];
    unreadable: string[];
  };
  assert.deepEqual(
    json.entries.map((row) => row.key),
    [NEW, OLD],
  );
  assert.deepEqual(json.unreadable, [corrupt]);
});

void test('cache show takes a unique prefix and shows what the key is made of', () => {
  const { dir } = filledCache();
  const shown = runCli(['cache', 'show', 'aaaa', '--cache-dir', dir]);
  assert.equal(shown.status, 0, shown.stderr);
  assert.match(shown.stdout, /step {6}build of ci\.dagger\.yaml/);
  assert.match(shown.stdout, /\n {2}image: sha256:aaaa\n/);
  assert.match(shown.stdout, /\n {2}version=1\.2\n/);
  const missing = runCli(['cache', 'show', 'dddd', '--cache-dir', dir]);
  assert.equal(missing.status, 1);
  assert.equal(missing.stderr, 'dagger-wf: cache show dddd: no entry\n');
  const bad = runCli(['cache', 'show', 'not-hex', '--cache-dir', dir]);
  assert.equal(bad.status, 2);
  assertNoStackTrace(bad);
});

void test('cache prune removes old and unreadable entries; --all empties; a bad age is a usage error', () => {
  const { dir, store } = filledCache();
  const pruned = runCli(['cache', 'prune', '--older-than', '7d', '--cache-dir', dir]);
  assert.equal(pruned.status, 0, pruned.stderr);
  assert.equal(pruned.stderr, 'removed 1 entry and 1 unreadable; 1 kept\n');
  assert.deepEqual(
    store.list().entries.map(({ entry }) => entry.key),
    [NEW],
  );
  assert.equal(runCli(['cache', 'prune', '--all', '--cache-dir', dir]).status, 0);
  assert.deepEqual(store.list().entries, []);
  const bad = runCli(['cache', 'prune', '--older-than', 'soon', '--cache-dir', dir]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--older-than "soon" is not an age/);
  assert.equal(runCli(['cache', 'frobnicate', '--cache-dir', dir]).status, 2);
});
