import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interruptedRecord, unstartedRecord } from '../../../../../core/run/history/end-record.js';
import { readRun } from '../../../../../core/run/history/list-runs.js';
import { recordedInputs, type RunRecord } from '../../../../../core/run/history/run-record.js';
import { writeRunRecord } from '../../../../../core/run/history/write-run-record.js';
import { pendingStepResult } from '../../../../../core/run/run-result.js';
import { SecretMasker } from '../../../../../core/run/secret-masker.js';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:01:00.000Z';

void test('recordedInputs: a secret input is *** whatever its length; other values have secrets masked', () => {
  const masker = new SecretMasker(['env-secret']);
  assert.deepEqual(
    recordedInputs({ pin: '42', url: 'https://x/?k=env-secret', who: 'Ada' }, ['pin'], (text) =>
      masker.mask(text),
    ),
    { pin: '***', url: 'https://x/?k=***', who: 'Ada' },
  );
});

void test('interruptedRecord: the run fails with reason interrupted; running steps fail, pending ones are cancelled', () => {
  const record: RunRecord = {
    runId: 'r1',
    workflowFile: '/w.dagger.yaml',
    workflowName: 'w',
    status: 'running',
    started_at: T0,
    finished_at: null,
    pid: 1,
    outputs: {},
    steps: {
      done: {
        ...pendingStepResult(),
        status: 'succeeded',
        exit_code: 0,
        attempts: 1,
        started_at: T0,
        finished_at: T0,
      },
      busy: { ...pendingStepResult(), status: 'running', attempts: 2, started_at: T0 },
      later: pendingStepResult(),
    },
  };
  const ended = interruptedRecord(record, T1);
  assert.equal(ended.status, 'failed');
  assert.equal(ended.reason, 'interrupted');
  assert.equal(ended.finished_at, T1);
  assert.deepEqual(ended.steps.done, record.steps.done);
  assert.deepEqual(ended.steps.busy, {
    ...record.steps.busy,
    status: 'failed',
    finished_at: T1,
    reason: 'interrupted',
  });
  assert.deepEqual(ended.steps.later, { ...pendingStepResult(), status: 'cancelled', reason: 'interrupted' });
  assert.equal(record.status, 'running', 'the original is left as it was');
});

void test('unstartedRecord written with writeRunRecord reads back as a finished run; no temporary file is left', () => {
  const parent = mkdtempSync(join(tmpdir(), 'dagger-wf-record-'));
  try {
    const dir = join(parent, 'r2');
    const record = unstartedRecord(
      {
        runId: 'r2',
        workflowFile: '/w.dagger.yaml',
        workflowName: 'w',
        stepIds: ['a', 'b'],
        inputs: { who: 'Ada' },
        secretInputs: [],
        acceptedAt: T0,
        status: 'cancelled',
        reason: 'cancelled before it started',
      },
      T1,
    );
    writeRunRecord(dir, record);
    assert.deepEqual(readdirSync(dir), ['run.json']);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.equal(statSync(join(dir, 'run.json')).mode & 0o777, 0o600);
    const read = readRun(dir);
    assert.deepEqual(read, { ...record, dir });
    assert.deepEqual(Object.keys(read?.steps ?? {}), ['a', 'b']);
    assert.equal(read?.steps.a?.status, 'cancelled');
    assert.equal(read?.steps.a?.reason, 'cancelled before it started');
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});
