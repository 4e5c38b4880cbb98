import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunHistoryWriter } from '../../../../../core/run/history/run-history-writer.js';
import { WorkflowFileError } from '../../../../../core/run/run-errors.js';

void test('the history folder is made for its owner only; a file in the way is a setup error', () => {
  const parent = mkdtempSync(join(tmpdir(), 'dagger-wf-history-'));
  try {
    const history = join(parent, 'state', 'runs');
    RunHistoryWriter.ensureHistoryDir(history);
    assert.equal(statSync(history).mode & 0o777, 0o700);
    const writer = new RunHistoryWriter(history, 'r1');
    writer.handle({
      type: 'runStarted',
      runId: 'r1',
      workflowFile: '/w',
      workflowName: 'w',
      stepIds: ['a'],
      time: '2026-01-01T00:00:00.000Z',
    });
    assert.equal(statSync(writer.dir).mode & 0o777, 0o700);
    writeFileSync(join(parent, 'file'), '');
    assert.throws(
      () => RunHistoryWriter.ensureHistoryDir(join(parent, 'file')),
      (error: Error) => error instanceof WorkflowFileError && /a file is in the way$/.test(error.message),
    );
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});
