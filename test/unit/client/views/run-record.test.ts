import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  applyRunEvent,
  describeStep,
  finishedStepCount,
  formatDuration,
  isPulling,
  newRunRecord,
  type RunRecord,
} from '../../../../client/views/run-record.js';
import { STEP_STATE_LOOKS, stepLookKey } from '../../../../client/views/state-looks.js';
import { must } from '../../../support/must.js';

/** The record's step at `index`; the test fails when there is none. */
const stepAt = (record: RunRecord, index: number) => must(record.steps[index], `step ${index} of the run`);

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 28, 3, 0, seconds)).toISOString();

void test('events move steps through their states; the tree description shows duration, attempt and exit code', () => {
  const record = newRunRecord('r1', '/w/a.dagger.yaml', 'A', ['build', 'test']);
  applyRunEvent(record, {
    type: 'runStarted',
    runId: 'r1',
    workflowFile: '/w/a.dagger.yaml',
    workflowName: 'A',
    stepIds: ['build', 'test'],
    time: at(0),
  });
  applyRunEvent(record, { type: 'stepStarted', stepId: 'build', attempt: 1, maxAttempts: 2, time: at(1) });
  assert.equal(stepAt(record, 0).status, 'running');
  applyRunEvent(record, {
    type: 'attemptFailed',
    stepId: 'build',
    attempt: 1,
    maxAttempts: 2,
    exitCode: 1,
    reason: 'exited with code 1',
    willRetry: true,
    retryDelaySeconds: 1,
    time: at(2),
  });
  applyRunEvent(record, { type: 'stepStarted', stepId: 'build', attempt: 2, maxAttempts: 2, time: at(3) });
  applyRunEvent(record, {
    type: 'stepFinished',
    stepId: 'build',
    status: 'succeeded',
    exitCode: 0,
    attempts: 2,
    outputs: {},
    time: at(4),
  });
  assert.equal(describeStep(stepAt(record, 0)), '3.0s · attempt 2/2 · exit 0');
  assert.equal(finishedStepCount(record), 1);
  applyRunEvent(record, {
    type: 'stepFinished',
    stepId: 'test',
    status: 'skipped',
    exitCode: null,
    attempts: 0,
    outputs: {},
    reason: 'dependency "build" failed',
    time: at(4),
  });
  applyRunEvent(record, { type: 'runFinished', runId: 'r1', status: 'failed', outputs: {}, time: at(5) });
  assert.equal(record.status, 'failed');
  assert.equal(stepAt(record, 1).reason, 'dependency "build" failed');
  assert.equal(describeStep(stepAt(record, 1)), 'skipped');
});

void test('a run that ends leaves no step pending or running', () => {
  const record = newRunRecord('r2', '/w/b.dagger.yaml', 'B', ['a', 'b']);
  applyRunEvent(record, { type: 'stepStarted', stepId: 'a', attempt: 1, maxAttempts: 1, time: at(0) });
  applyRunEvent(record, { type: 'runFinished', runId: 'r2', status: 'cancelled', outputs: {}, time: at(1) });
  assert.deepEqual(
    record.steps.map((step) => step.status),
    ['cancelled', 'cancelled'],
  );
});

void test('durations read as seconds, then minutes', () => {
  assert.equal(formatDuration(at(0), at(1)), '1.0s');
  assert.equal(formatDuration(at(0), at(42)), '42s');
  assert.equal(formatDuration(at(0), new Date(Date.parse(at(0)) + 125_000).toISOString()), '2m 05s');
  assert.equal(formatDuration(undefined, at(1)), '');
});

void test('a run that lost its engine ends with the reason, and its warnings are kept for the tooltip', () => {
  const record = newRunRecord('r9', '/w/a.dagger.yaml', 'A', ['long', 'after']);
  applyRunEvent(record, { type: 'stepStarted', stepId: 'long', attempt: 1, maxAttempts: 1, time: at(1) });
  applyRunEvent(record, {
    type: 'warning',
    message: 'the containers of run r9 may be left behind',
    time: at(2),
  });
  applyRunEvent(record, {
    type: 'runFinished',
    runId: 'r9',
    status: 'failed',
    outputs: {},
    fault: { kind: 'engine-lost', message: 'lost the Docker engine at unix:///x.sock: connection refused' },
    time: at(3),
  });
  assert.equal(record.status, 'failed');
  assert.equal(record.error, 'lost the Docker engine at unix:///x.sock: connection refused');
  assert.deepEqual(record.warnings, ['the containers of run r9 may be left behind']);
  assert.equal(finishedStepCount(record), 2, 'nothing is left spinning');
});

void test('while its image is pulled, every step that needs it says so with the progress, until it starts', () => {
  const record = newRunRecord('r1', '/w/a.dagger.yaml', 'A', ['build', 'test', 'lint']);
  const pull = { layersDone: 2, layersTotal: 5, bytesDone: 12_300_000, bytesTotal: 40_100_000 };
  const step = applyRunEvent(record, {
    type: 'imagePull',
    stepId: 'build',
    stepIds: ['build', 'test'],
    image: 'node:20',
    phase: 'pulling',
    status: 'Downloading',
    pull,
    time: at(1),
  });
  assert.equal(step?.id, 'build', 'the tree refreshes');
  const [build, test, lint] = record.steps;
  assert.ok(build && test && lint);
  assert.equal(describeStep(build), 'pulling 2/5 layers · 12.3 of 40.1 MB · node:20');
  assert.equal(describeStep(test), 'pulling 2/5 layers · 12.3 of 40.1 MB · node:20');
  assert.ok(isPulling(build) && isPulling(test) && !isPulling(lint));
  applyRunEvent(record, { type: 'stepStarted', stepId: 'build', attempt: 1, maxAttempts: 1, time: at(5) });
  assert.ok(!isPulling(build));
  assert.equal(describeStep(build, Date.parse(at(6))), '1.0s');
  const ended = (phase: 'pulled' | 'failed', status: string) =>
    applyRunEvent(record, { ...event, stepIds: ['test'], phase, status, time: at(7) });
  const event = { type: 'imagePull', stepId: 'test', image: 'node:20', pull } as const;
  ended('pulled', 'Pulled');
  assert.equal(describeStep(test), 'pulled node:20', 'a step waiting for its dependencies has its image');
  ended('failed', 'manifest unknown');
  assert.equal(describeStep(test), 'could not pull node:20: manifest unknown');
});

void test('a step finished from the cache is marked cached and described by where it came from; running it again clears the mark', () => {
  const record = newRunRecord('r2', '/w/a.dagger.yaml', 'A', ['build']);
  const step = applyRunEvent(record, {
    type: 'stepFinished',
    stepId: 'build',
    status: 'succeeded',
    exitCode: 0,
    attempts: 0,
    outputs: {},
    reason: 'cached from run 20261128-030000-abcd (key 0123456789ab, 5m ago)',
    cached: true,
    startedAt: at(1),
    time: at(1),
  });
  assert.equal(step?.cached, true);
  assert.equal(
    describeStep(stepAt(record, 0), Date.parse(at(2))),
    'cached from run 20261128-030000-abcd (key 0123456789ab, 5m ago)',
  );
  assert.equal(stepLookKey(stepAt(record, 0)), 'cached');
  assert.equal(STEP_STATE_LOOKS[stepLookKey(stepAt(record, 0))].codicon, 'history');
  applyRunEvent(record, { type: 'stepStarted', stepId: 'build', attempt: 1, maxAttempts: 1, time: at(3) });
  assert.equal(stepAt(record, 0).cached, undefined);
  assert.equal(stepLookKey(stepAt(record, 0)), 'running');
});

void test('only a succeeded step looks cached: a failed step keeps the look of its state', () => {
  assert.equal(stepLookKey({ status: 'succeeded', cached: true }), 'cached');
  assert.equal(stepLookKey({ status: 'succeeded' }), 'succeeded');
  assert.equal(stepLookKey({ status: 'failed', cached: true }), 'failed');
});
