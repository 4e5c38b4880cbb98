// `dagger-wf validate` says what `dagger-wf run` will say: the same lines for a workflow run refuses, before
// the engine is ever asked (DOCKER_HOST points at a socket that does not exist).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { assertNoStackTrace, runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-cli-parity-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const NO_ENGINE = { DOCKER_HOST: `unix://${join(dir, 'no-engine.sock')}` };

const workflows: Record<string, string> = {
  'no-steps': 'name: empty\nsteps: []\n',
  'hostile-images':
    'steps:\n  - id: a\n    image: "repo/x;rm -rf /:latest"\n  - id: b\n    image: --privileged\n    depends_on: [a]\n',
};

for (const [name, text] of Object.entries(workflows)) {
  void test(`${name}: validate and run print the same errors and exit 2, with no engine needed`, () => {
    const file = join(dir, `${name}.dagger.yaml`);
    writeFileSync(file, text);
    const validate = runCli(['validate', file]);
    const run = runCli(['run', '--no-history', file], { env: NO_ENGINE });
    assert.equal(validate.status, 2, validate.stderr);
    assert.equal(run.status, 2, run.stderr);
    assertNoStackTrace(run);
    const lines = validate.stdout.trimEnd().split('\n');
    assert.ok(
      lines.every((line) => line.startsWith(`${file}:`)),
      validate.stdout,
    );
    assert.deepEqual(run.stderr.trimEnd().split('\n'), lines);
  });
}

void test('a 60 MB file: validate and run refuse it unread, in one line naming the file, exit 2', () => {
  const file = join(dir, 'huge.dagger.yaml');
  writeFileSync(file, '');
  truncateSync(file, 60 * 1024 * 1024); // sparse: reading it would take 60 MB, the limit is checked first
  const line = `${file}:1:1 - error DW001: the file has 62,914,560 bytes, more than the 8 MiB (8,388,608 bytes) a workflow file may have; it was not read`;
  const validate = runCli(['validate', file]);
  assert.equal(validate.status, 2);
  assert.equal(validate.stdout, `${line}\n`);
  const run = runCli(['run', '--no-history', file], { env: NO_ENGINE });
  assert.equal(run.status, 2);
  assert.equal(run.stderr, `${line}\n`);
  const graph = runCli(['graph', file]);
  assert.equal(graph.status, 2);
  assert.equal(graph.stderr, `${line}\n`);
});
