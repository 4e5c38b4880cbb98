import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRun } from '../../../../core/run/history/list-runs.js';
import { RunHistoryWriter } from '../../../../core/run/history/run-history-writer.js';
import type { RunRecord } from '../../../../core/run/history/run-record.js';
import { settleInterruptedRuns } from '../../../../core/run/history/settle-interrupted-runs.js';
import { pendingStepResult } from '../../../../core/run/run-result.js';

const T0 = '2026-11-28T04:00:00.000Z';

function historyDir(): string {
  return mkdtempSync(join(tmpdir(), 'dagger-wf-history-'));
}

function started(writer: RunHistoryWriter, runId: string): void {
  writer.handle({
    type: 'runStarted',
    runId,
    workflowFile: '/w.dagger.yaml',
    workflowName: 'w',
    stepIds: ['a', 'b'],
    time: T0,
  });
  writer.handle({ type: 'stepStarted', stepId: 'a', attempt: 1, maxAttempts: 1, time: T0 });
}

void test('a run folder that cannot be written: one warning, no exception, no temporary file, no lying record', () => {
  const dir = historyDir();
  try {
    const writer = new RunHistoryWriter(dir, 'r1');
    const warnings: string[] = [];
    writer.onProblem = (message) => warnings.push(message);
    started(writer, 'r1');
    rmSync(writer.dir, { recursive: true });
    writeFileSync(writer.dir, 'a file where the folder was');
    writer.handle({ type: 'log', stepId: 'a', stream: 'stdout', text: 'lost\n', time: T0 });
    writer.handle({
      type: 'stepFinished',
      stepId: 'a',
      status: 'succeeded',
      exitCode: 0,
      attempts: 1,
      outputs: {},
      time: T0,
    });
    writer.handle({ type: 'runFinished', runId: 'r1', status: 'succeeded', outputs: {}, time: T0 });
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(
      warnings[0] ?? '',
      /^cannot write the run history in .+r1 \(a file is in the way\): this run's record and logs are incomplete$/,
    );
    assert.equal(writer.kept, false);
    assert.equal(
      existsSync(writer.dir),
      false,
      'what was in the way went with it: nothing claims to be the run',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('a run the runner gave up on (internal error) is abandoned: failed, with its unfinished steps cancelled', () => {
  const dir = historyDir();
  try {
    const writer = new RunHistoryWriter(dir, 'r2');
    started(writer, 'r2');
    writer.abandon({ kind: 'internal-error', message: 'internal error: RangeError: Invalid string length' });
    const record = readRun(writer.dir);
    assert.ok(record);
    assert.equal(record.status, 'failed');
    assert.ok(record.finished_at);
    assert.deepEqual(record.fault, {
      kind: 'internal-error',
      message: 'internal error: RangeError: Invalid string length',
    });
    assert.deepEqual(
      Object.values(record.steps).map((step) => [step.status, step.reason]),
      [
        ['cancelled', 'internal error: RangeError: Invalid string length'],
        ['cancelled', 'internal error: RangeError: Invalid string length'],
      ],
    );
    assert.deepEqual(readdirSync(writer.dir).sort(), ['a.log', 'b.log', 'run.json']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('records left running by a process that is gone are settled as interrupted; live and foreign ones are not', () => {
  const dir = historyDir();
  try {
    const write = (runId: string, pid: number, host: string | undefined) => {
      const record: RunRecord = {
        runId,
        workflowFile: '/w.dagger.yaml',
        workflowName: 'w',
        status: 'running',
        started_at: T0,
        finished_at: null,
        pid,
        ...(host === undefined ? {} : { host }),
        outputs: {},
        steps: { a: { ...pendingStepResult(), status: 'running', started_at: T0 }, b: pendingStepResult() },
      };
      mkdirSync(join(dir, runId));
      writeFileSync(join(dir, runId, 'run.json'), JSON.stringify(record));
    };
    const deadPid = 2 ** 22 + 12345;
    write('dead', deadPid, hostname());
    write('dead-old-record', deadPid, undefined);
    write('alive', process.pid, hostname());
    write('other-machine', deadPid, 'elsewhere');
    assert.equal(settleInterruptedRuns(dir, new Date('2026-11-28T05:00:00.000Z')), 2);
    for (const runId of ['dead', 'dead-old-record']) {
      const record = readRun(join(dir, runId));
      assert.ok(record);
      assert.equal(record.status, 'failed');
      assert.equal(record.finished_at, '2026-11-28T05:00:00.000Z');
      assert.equal(record.fault?.kind, 'interrupted');
      assert.match(
        record.fault?.message ?? '',
        new RegExp(`^interrupted: its process \\(pid ${deadPid}\\) ended before the run did$`),
      );
      assert.deepEqual(
        Object.values(record.steps).map((step) => step.status),
        ['cancelled', 'cancelled'],
      );
      assert.equal(record.steps.a?.started_at, T0, 'what was known is kept');
      assert.deepEqual(readdirSync(join(dir, runId)), ['run.json']);
    }
    for (const runId of ['alive', 'other-machine'])
      assert.equal(
        (JSON.parse(readFileSync(join(dir, runId, 'run.json'), 'utf8')) as RunRecord).status,
        'running',
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
