import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProgressLines, summaryLines } from '../../../cli/print-progress.js';
import type { RunEvent } from '../../../core/run/events.js';

const at = (second: number) => `2026-01-01T10:00:${String(second).padStart(2, '0')}.000Z`;

void test('one line per state change; output lines prefixed by step, assembled across chunks', () => {
  const lines = new ProgressLines();
  const events: RunEvent[] = [
    {
      type: 'runStarted',
      runId: 'r1',
      workflowFile: '/w.yaml',
      workflowName: 'demo',
      stepIds: ['build', 'ci'],
      time: at(0),
    },
    { type: 'stepStarted', stepId: 'build', attempt: 1, maxAttempts: 2, time: at(1) },
    { type: 'log', stepId: 'build', stream: 'stdout', text: 'compil', time: at(2) },
    { type: 'log', stepId: 'build', stream: 'stdout', text: 'ing\nlinking', time: at(2) },
    {
      type: 'attemptFailed',
      stepId: 'build',
      attempt: 1,
      maxAttempts: 2,
      exitCode: 1,
      reason: 'exited with code 1',
      willRetry: true,
      retryDelaySeconds: 5,
      time: at(3),
    },
    {
      type: 'stepFinished',
      stepId: 'build',
      status: 'timed_out',
      exitCode: 137,
      attempts: 2,
      outputs: {},
      reason: 'timed out after 9 s',
      time: at(12),
    },
    {
      type: 'stepFinished',
      stepId: 'ci',
      status: 'skipped',
      exitCode: null,
      attempts: 0,
      outputs: {},
      reason: 'dependency "build" timed out',
      time: at(12),
    },
    { type: 'runFinished', runId: 'r1', status: 'failed', outputs: {}, time: at(12) },
  ];
  assert.deepEqual(
    events.flatMap((event) => lines.linesFor(event)),
    [
      '[10:00:00] run r1: demo (2 steps)',
      '[10:00:01] build started (attempt 1/2)',
      'build | compiling',
      '[10:00:03] build attempt 1/2 failed: exited with code 1, retrying in 5 s',
      'build | linking',
      '[10:00:12] build timed out in 11.0 s: timed out after 9 s',
      '[10:00:12] ci skipped: dependency "build" timed out',
      '[10:00:12] run failed',
    ],
  );
});

void test('the summary counts states and lists every step that did not succeed', () => {
  const step = { exit_code: null, attempts: 0, started_at: null, finished_at: null, outputs: {} };
  const summary = summaryLines(
    {
      run_id: '20261201-120000-abcd',
      status: 'failed',
      outputs: {},
      steps: {
        a: { ...step, status: 'succeeded' },
        b: { ...step, status: 'failed', reason: 'exited with code 2' },
        c: { ...step, status: 'skipped', reason: 'dependency "b" failed' },
      },
    },
    2500,
    '/runs/r1',
  );
  assert.deepEqual(summary, [
    'run failed in 2.5 s: 1 succeeded, 1 failed, 1 skipped',
    '  b: failed (exited with code 2)',
    '  c: skipped (dependency "b" failed)',
    'logs: /runs/r1',
  ]);
});
