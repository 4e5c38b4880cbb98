import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import type { WorkflowDiagnostic } from '../../../core/model/diagnostic.js';
import { DiagnosticScheduler } from '../../../server/features/diagnostics/diagnostic-scheduler.js';

/** A scheduler over a document whose version the test sets, recording what it computes and publishes. */
function scheduler(delayMs: number) {
  const state = { version: 1, computed: [] as number[], published: [] as (number | undefined)[] };
  const diagnostics: WorkflowDiagnostic[] = [];
  const instance = new DiagnosticScheduler({
    delayMs,
    compute: () => {
      state.computed.push(state.version);
      return { version: state.version, diagnostics };
    },
    publish: (_uri, version) => void state.published.push(version),
  });
  return { state, instance };
}

// The hooks are scoped to this describe: the unit suite runs every file in one process (test/unit/run-all.ts),
// and a top-level beforeEach would mock the timers of every test that runs after this file.
void describe('the diagnostics scheduler (mocked timers)', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  void test('edits closer together than the delay are validated once, for the last version, a delay after it', () => {
    const { state, instance } = scheduler(400);
    for (let version = 2; version <= 6; version++) {
      state.version = version;
      instance.schedule('file:///a');
      mock.timers.tick(399);
    }
    assert.deepEqual(state.computed, [], 'nothing while the edits keep coming');
    mock.timers.tick(1);
    assert.deepEqual(state.published, [6]);
    assert.deepEqual(state.computed, [6]);
  });

  void test('edits further apart than the delay are each validated', () => {
    const { state, instance } = scheduler(100);
    for (let version = 2; version <= 4; version++) {
      state.version = version;
      instance.schedule('file:///a');
      mock.timers.tick(100);
    }
    assert.deepEqual(state.published, [2, 3, 4]);
  });

  void test('an opened document is checked at once, without the edit delay', () => {
    const { state, instance } = scheduler(400);
    instance.opened('file:///a');
    mock.timers.tick(0);
    assert.deepEqual(state.published, [1]);
  });

  void test('a change right behind the open replaces the check of the open, and waits for the delay', () => {
    const { state, instance } = scheduler(400);
    instance.opened('file:///a');
    state.version = 2;
    instance.schedule('file:///a');
    mock.timers.tick(399);
    assert.deepEqual(state.computed, []);
    mock.timers.tick(1);
    assert.deepEqual(state.published, [2]);
  });

  void test('closing cancels the pending validation and clears what was shown', () => {
    const { state, instance } = scheduler(100);
    instance.schedule('file:///a');
    instance.clear('file:///a');
    mock.timers.tick(1000);
    assert.deepEqual(state.computed, []);
    assert.deepEqual(state.published, [undefined]);
  });
});
