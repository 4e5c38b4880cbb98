// The pulls of a run in a few lines: one per image when it ends, one when none is left.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PullPhase, RunEvent } from '../../../../core/run/events.js';
import { PullBoard, pullStepLine } from '../../../../core/run/pull-board.js';
import type { PullProgress } from '../../../../core/run/events.js';

const at = (second: number) => `2026-01-01T10:00:${String(second).padStart(2, '0')}.000Z`;

function pull(
  image: string,
  phase: PullPhase,
  second: number,
  progress: PullProgress = { layersDone: 0, layersTotal: 0 },
  status = 'Pulling',
): RunEvent {
  const stepIds = image === 'node:20' ? ['build', 'test'] : ['lint'];
  return {
    type: 'imagePull',
    stepId: stepIds[0] ?? '',
    stepIds,
    image,
    phase,
    status,
    pull: progress,
    time: at(second),
  };
}

const fetched = { layersDone: 3, layersTotal: 3, bytesDone: 40_100_000, bytesTotal: 40_100_000 };

void test('one line per image when its pull ends, and a closing line once no pull is left', () => {
  const board = new PullBoard();
  const lines = [
    pull('node:20', 'pulling', 0),
    pull('alpine:3', 'queued', 0),
    pull('node:20', 'pulling', 1, { layersDone: 1, layersTotal: 3, bytesDone: 9_000_000 }, 'Downloading'),
    pull('alpine:3', 'pulling', 2),
    pull('node:20', 'pulled', 4, fetched, 'Pulled'),
    pull('alpine:3', 'failed', 5, { layersDone: 0, layersTotal: 1 }, 'manifest unknown'),
  ].flatMap((event) => board.update(event));
  assert.deepEqual(lines, [
    'pulled node:20 for build, test: 3 layers, 40.1 MB in 4.0 s',
    'could not pull alpine:3 for lint: manifest unknown',
    'image pulls over: 1 pulled (40.1 MB), 1 failed in 5.0 s',
  ]);
  assert.deepEqual(board.open, []);
});

void test('a later pull (an image named after a step output) opens a new batch with its own closing line', () => {
  const board = new PullBoard();
  board.update(pull('node:20', 'pulling', 0));
  board.update(pull('node:20', 'pulled', 2, fetched));
  assert.equal(board.current.length, 0);
  board.update(pull('alpine:3', 'pulling', 10));
  assert.deepEqual(
    board.open.map((state) => state.image),
    ['alpine:3'],
  );
  assert.deepEqual(board.update(pull('alpine:3', 'cancelled', 11, undefined, 'run cancelled')), [
    'stopped pulling alpine:3 for lint after 1.0 s: run cancelled',
    'image pulls over: 0 pulled, 1 stopped in 1.0 s',
  ]);
});

void test('other events and events after the end of a pull add nothing', () => {
  const board = new PullBoard();
  board.update(pull('node:20', 'pulling', 0));
  board.update(pull('node:20', 'pulled', 2, fetched));
  assert.deepEqual(board.update(pull('node:20', 'pulled', 3, fetched)), []);
  assert.deepEqual(
    board.update({ type: 'runFinished', runId: 'r', status: 'succeeded', outputs: {}, time: at(4) }),
    [],
  );
});

void test("a step's line: waiting, progress (or the engine's words before any layer, or during a retry), the end", () => {
  const state = { image: 'node:20', status: 'Pulling', pull: { layersDone: 0, layersTotal: 0 } };
  assert.equal(pullStepLine({ ...state, phase: 'queued' }), 'waiting to pull node:20');
  assert.equal(pullStepLine({ ...state, phase: 'pulling' }), 'pulling node:20: Pulling');
  assert.equal(
    pullStepLine({
      ...state,
      phase: 'pulling',
      pull: { layersDone: 1, layersTotal: 3, bytesDone: 2e6, bytesTotal: 4e7 },
    }),
    'pulling node:20: 1/3 layers · 2.0 of 40.0 MB',
  );
  const retry = { attempt: 2, maxAttempts: 4, delaySeconds: 1 };
  const failedOnce = 'Pull attempt 1 of 4 failed (connection reset); retrying in 1 s';
  assert.equal(
    pullStepLine({
      ...state,
      phase: 'pulling',
      status: failedOnce,
      retry,
      pull: { layersDone: 1, layersTotal: 3 },
    }),
    `pulling node:20: ${failedOnce}`,
  );
  assert.equal(pullStepLine({ ...state, phase: 'pulled' }), 'pulled node:20');
  assert.equal(
    pullStepLine({ ...state, phase: 'failed', status: 'denied' }),
    'could not pull node:20: denied',
  );
});
