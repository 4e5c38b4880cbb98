// A full disk under the history folder, for real: a small tmpfs mounted for the test. The run itself must not
// suffer, the user is told once, and no record is left claiming a run that has ended is still running.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunRecord } from '../../core/run/history/run-record.js';
import { runCli } from './cli-helpers.js';
import { IMAGE, requireTestImage, workspace } from './run-helpers.js';

const disk = mkdtempSync(join(tmpdir(), 'dagger-wf-small-disk-'));

before(() => {
  requireTestImage();
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0700', 'tmpfs', disk]);
});
after(() => {
  spawnSync('umount', [disk]);
  rmSync(disk, { recursive: true, force: true });
});

const CHATTY = `
name: chatty
container_config: { image: ${IMAGE} }
steps:
  - { id: talk, command: [sh, -c, "i=0; while [ $i -lt 20000 ]; do echo line $i of a long log; i=$((i+1)); done"] }
  - { id: after, command: [echo, done], depends_on: [talk] }
`;

const WARNING =
  /^\[[\d:]+\] warning: cannot write the run history in (\S+) \(no space left on device\): this run's record and logs are incomplete$/gm;

void test('the disk fills up during the run: one warning, the run succeeds, its record ends finished, no temporary file', async () => {
  const history = join(disk, 'runs-1');
  const dir = workspace({ 'chatty.dagger.yaml': CHATTY });
  const run = await runCli(['run', join(dir, 'chatty.dagger.yaml'), '--history-dir', history]);
  assert.equal(run.code, 0, run.stderr.slice(-3000));
  const warnings = [...run.stderr.matchAll(WARNING)];
  assert.equal(warnings.length, 1, run.stderr.slice(-3000));
  const [runId] = readdirSync(history);
  const folder = join(history, runId ?? '');
  assert.match(run.stderr, new RegExp(`^logs \\(incomplete: no space left on device\\): ${folder}$`, 'm'));
  assert.doesNotMatch(run.stderr, /^logs: /m);
  assert.deepEqual(readdirSync(folder).sort(), ['after.log', 'run.json', 'talk.log']);
  const record = JSON.parse(readFileSync(join(folder, 'run.json'), 'utf8')) as RunRecord;
  assert.equal(record.status, 'succeeded');
  assert.ok(record.finished_at);
  assert.deepEqual(
    Object.values(record.steps).map((step) => step.status),
    ['succeeded', 'succeeded'],
  );
});

void test('the disk is full before the run starts: one warning, the run succeeds, no half folder is left', async () => {
  const history = join(disk, 'runs-2');
  const dir = workspace({ 'chatty.dagger.yaml': CHATTY });
  // Fill what is left of the small disk.
  spawnSync('sh', ['-c', `mkdir -p ${history} && cat /dev/zero > ${join(disk, 'filler')}`]);
  try {
    const run = await runCli(['run', join(dir, 'chatty.dagger.yaml'), '--history-dir', history]);
    assert.equal(run.code, 0, run.stderr.slice(-3000));
    assert.equal([...run.stderr.matchAll(WARNING)].length, 1, run.stderr.slice(-3000));
    assert.match(run.stderr, /^logs: not kept \(no space left on device\)$/m);
    assert.deepEqual(readdirSync(history), [], 'no folder claims to hold the run');
  } finally {
    writeFileSync(join(disk, 'filler'), '');
  }
});
