import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunHistoryWriter } from '../../../../core/run/history/run-history-writer.js';
import { loadRunHistory, readStepLog } from '../../../../client/run/run-history.js';

const time = (second: number) => new Date(Date.UTC(2026, 10, 28, 4, 0, second)).toISOString();

/** Write a run folder the way the runner does, from events. */
async function writeRun(dir: string, runId: string, start: number, finish: boolean): Promise<void> {
  const writer = new RunHistoryWriter(dir, runId);
  writer.handle({
    type: 'runStarted',
    runId,
    workflowFile: '/nowhere/w.dagger.yaml',
    workflowName: 'W',
    stepIds: ['a', 'b'],
    time: time(start),
  });
  writer.handle({ type: 'stepStarted', stepId: 'a', attempt: 1, maxAttempts: 1, time: time(start) });
  writer.handle({
    type: 'log',
    stepId: 'a',
    stream: 'stdout',
    text: `hello from ${runId}\n`,
    time: time(start),
  });
  if (finish) {
    writer.handle({
      type: 'stepFinished',
      stepId: 'a',
      status: 'failed',
      exitCode: 2,
      attempts: 1,
      outputs: {},
      reason: 'exited with code 2',
      time: time(start + 1),
    });
    writer.handle({
      type: 'stepFinished',
      stepId: 'b',
      status: 'skipped',
      exitCode: null,
      attempts: 0,
      outputs: {},
      reason: 'dependency "a" failed',
      time: time(start + 1),
    });
    writer.handle({ type: 'runFinished', runId, status: 'failed', outputs: {}, time: time(start + 2) });
  }
  await writer.close();
}

void test('runs kept by the runner come back newest first, with step states, reasons and logs', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dagger-history-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await writeRun(dir, 'older', 0, true);
  await writeRun(dir, 'newer', 10, false);
  // The process that ran "newer" is gone, so the run was interrupted.
  const gone = spawnSync(process.execPath, ['-e', '']).pid;
  const runFile = join(dir, 'newer', 'run.json');
  writeFileSync(runFile, readFileSync(runFile, 'utf8').replace(/"pid": \d+/, `"pid": ${gone}`));

  const runs = loadRunHistory(dir);
  assert.deepEqual(
    runs.map((run) => [run.runId, run.status]),
    [
      ['newer', 'cancelled'],
      ['older', 'failed'],
    ],
  );
  assert.deepEqual(
    runs[0]?.steps.map((step) => [step.id, step.status, step.reason]),
    [
      ['a', 'cancelled', 'the run was interrupted'],
      ['b', 'cancelled', 'the run was interrupted'],
    ],
  );
  assert.deepEqual(
    runs[1]?.steps.map((step) => [step.id, step.status, step.exitCode, step.reason]),
    [
      ['a', 'failed', 2, 'exited with code 2'],
      ['b', 'skipped', null, 'dependency "a" failed'],
    ],
  );
  assert.equal(readStepLog(dir, 'older', 'a'), 'hello from older\n');
  assert.equal(readStepLog(dir, 'older', 'b'), undefined, 'an empty log is no log');
});

void test('a missing history folder is an empty history', () => {
  assert.deepEqual(loadRunHistory(join(tmpdir(), 'no-such-dagger-history')), []);
});

void test('a step that came from the step cache is read back as cached, with where it came from', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dagger-history-'));
  const writer = new RunHistoryWriter(dir, 'cachedrun');
  writer.handle({
    type: 'runStarted',
    runId: 'cachedrun',
    workflowFile: '/nowhere/w.dagger.yaml',
    workflowName: 'W',
    stepIds: ['a'],
    time: time(0),
  });
  writer.handle({
    type: 'stepFinished',
    stepId: 'a',
    status: 'succeeded',
    exitCode: 0,
    attempts: 0,
    outputs: {},
    reason: 'reused from run earlier',
    cached: true,
    time: time(1),
  });
  writer.handle({ type: 'runFinished', runId: 'cachedrun', status: 'succeeded', outputs: {}, time: time(2) });
  await writer.close();
  const [run] = loadRunHistory(dir);
  assert.deepEqual(
    run?.steps.map((step) => [step.id, step.status, step.cached, step.reason]),
    [['a', 'succeeded', true, 'reused from run earlier']],
  );
});
