import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProgressLines, summaryLines } from '../../../cli/print-progress.js';
import { LiveProgressView } from '../../../cli/print-progress-tty.js';
import type { PullPhase, RunEvent } from '../../../core/run/events.js';
import type { PullProgress } from '../../../core/run/events.js';

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

void test('warnings get a line of their own; a run ended by a fault says why', () => {
  const lines = new ProgressLines();
  assert.deepEqual(
    lines.linesFor({ type: 'warning', message: 'cannot write the run history', time: at(1) }),
    ['[10:00:01] warning: cannot write the run history'],
  );
  assert.deepEqual(
    lines.linesFor({
      type: 'runFinished',
      runId: 'r1',
      status: 'failed',
      outputs: {},
      fault: { kind: 'engine-lost', message: 'lost the Docker engine at unix:///x.sock: connection refused' },
      time: at(2),
    }),
    ['[10:00:02] run failed: lost the Docker engine at unix:///x.sock: connection refused'],
  );
});

void test('the summary says when the logs are incomplete or were not kept', () => {
  const result = { run_id: 'r1', status: 'succeeded' as const, outputs: {}, steps: {} };
  assert.equal(
    summaryLines(result, 0, '/runs/r1', 'no space left on device').at(-1),
    'logs (incomplete: no space left on device): /runs/r1',
  );
  assert.equal(
    summaryLines(result, 0, undefined, 'no space left on device').at(-1),
    'logs: not kept (no space left on device)',
  );
});

void test('a step printing hundreds of MB without a newline: one cut line, then its state line', () => {
  const lines = new ProgressLines();
  lines.linesFor({
    type: 'runStarted',
    runId: 'r',
    workflowFile: '/w',
    workflowName: 'w',
    stepIds: ['big'],
    time: at(0),
  });
  const chunk = 'x'.repeat(1024 * 1024);
  const printed: string[] = [];
  for (let i = 0; i < 600; i++)
    printed.push(
      ...lines.linesFor({ type: 'log', stepId: 'big', stream: 'stdout', text: chunk, time: at(1) }),
    );
  printed.push(
    ...lines.linesFor({
      type: 'stepFinished',
      stepId: 'big',
      status: 'succeeded',
      exitCode: 0,
      attempts: 1,
      outputs: {},
      time: at(2),
    }),
  );
  assert.equal(printed.length, 2);
  assert.match(printed[0] ?? '', /^big \| x{65536} … \[dagger-wf: line cut at 64 KiB\]$/);
  assert.equal(printed[1], '[10:00:02] big succeeded');
});

void test('a pull prints its start, each layer done and its end, then a closing line; not every engine message', () => {
  const lines = new ProgressLines();
  const pull = (second: number, phase: PullPhase, progress: PullProgress, status: string): RunEvent => ({
    type: 'imagePull',
    stepId: 'build',
    stepIds: ['build', 'test'],
    image: 'node:20',
    phase,
    status,
    pull: progress,
    time: at(second),
  });
  const downloading = (bytes: number) =>
    pull(2, 'pulling', { layersDone: 0, layersTotal: 2, bytesDone: bytes, bytesTotal: 40e6 }, 'Downloading');
  const events = [
    pull(1, 'pulling', { layersDone: 0, layersTotal: 0 }, 'Pulling'),
    downloading(1e6),
    downloading(2e6),
    downloading(30e6),
    pull(3, 'pulling', { layersDone: 1, layersTotal: 2, bytesDone: 40e6, bytesTotal: 40e6 }, 'Pull complete'),
    pull(4, 'pulled', { layersDone: 2, layersTotal: 2, bytesDone: 40e6, bytesTotal: 40e6 }, 'Pulled'),
  ];
  assert.deepEqual(
    events.flatMap((event) => lines.linesFor(event)),
    [
      '[10:00:01] build, test: pulling node:20: Pulling',
      '[10:00:02] build, test: pulling node:20: 0/2 layers · 1.0 of 40.0 MB',
      '[10:00:03] build, test: pulling node:20: 1/2 layers · 40.0 of 40.0 MB',
      '[10:00:04] pulled node:20 for build, test: 2 layers, 40.0 MB in 3.0 s',
      '[10:00:04] images ready: 1 pulled (40.0 MB) in 3.0 s',
    ],
  );
});

void test('the live view shows the pull on the line of every step that needs the image', () => {
  let screen = '';
  const out = { columns: 200, write: (text: string) => (screen = text) } as unknown as NodeJS.WriteStream;
  const view = new LiveProgressView(out);
  view.handle({
    type: 'runStarted',
    runId: 'r',
    workflowFile: '/w',
    workflowName: 'w',
    stepIds: ['build', 'test'],
    time: at(0),
  });
  view.handle({
    type: 'imagePull',
    stepId: 'build',
    stepIds: ['build', 'test'],
    image: 'node:20',
    phase: 'pulling',
    status: 'Downloading',
    pull: { layersDone: 1, layersTotal: 3, bytesDone: 12.3e6, bytesTotal: 40.1e6 },
    time: at(1),
  });
  view.close();
  const block = screen.split('\n').filter((line) => line.includes('pulling node:20'));
  assert.equal(block.length, 2, screen);
  for (const line of block) assert.match(line, /pending .*pulling node:20: 1\/3 layers · 12\.3 of 40\.1 MB$/);
});
