import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StepStatus } from '../../../../core/model/run-state.js';
import { decideNextSteps, stepHeights } from '../../../../core/run/scheduler.js';

/** A state from `id: deps` lines and a status per id (pending when not given). */
function state(graph: Record<string, string[]>, status: Record<string, StepStatus> = {}, maxParallel = 8) {
  const stepIds = Object.keys(graph);
  return {
    stepIds,
    dependencies: new Map(Object.entries(graph)),
    status: new Map(stepIds.map((id) => [id, status[id] ?? 'pending'])),
    maxParallel,
  };
}

const diamond = { a: [], b: ['a'], c: ['a'], d: ['b', 'c'] };

void test('only roots start at first', () => {
  assert.deepEqual(decideNextSteps(state(diamond)), { skip: [], start: ['a'] });
});

void test('both branches of a diamond start together once the root succeeds', () => {
  assert.deepEqual(decideNextSteps(state(diamond, { a: 'succeeded' })).start, ['b', 'c']);
});

void test('eager: a step starts when its own dependencies succeed, whatever its siblings do (no waves)', () => {
  const graph = { slow: [], fast: [], afterFast: ['fast'] };
  const decision = decideNextSteps(state(graph, { slow: 'running', fast: 'succeeded' }));
  assert.deepEqual(decision.start, ['afterFast']);
});

void test('a join waits for every dependency', () => {
  assert.deepEqual(
    decideNextSteps(state(diamond, { a: 'succeeded', b: 'succeeded', c: 'running' })).start,
    [],
  );
});

void test('the parallelism bound counts running steps', () => {
  const wide = { a: [], b: [], c: [], d: [] };
  assert.deepEqual(decideNextSteps(state(wide, { a: 'running' }, 2)).start, ['b']);
  assert.deepEqual(decideNextSteps(state(wide, { a: 'running', b: 'running' }, 2)).start, []);
  assert.deepEqual(decideNextSteps(state(wide, {}, 3)).start, ['a', 'b', 'c']);
});

void test('a failed dependency skips dependents, transitively, each with its reason', () => {
  const decision = decideNextSteps(state(diamond, { a: 'succeeded', b: 'failed', c: 'running' }));
  assert.deepEqual(decision, { skip: [{ stepId: 'd', reason: 'dependency "b" failed' }], start: [] });
  const chain = { a: [], b: ['a'], c: ['b'] };
  assert.deepEqual(decideNextSteps(state(chain, { a: 'timed_out' })).skip, [
    { stepId: 'b', reason: 'dependency "a" timed out' },
    { stepId: 'c', reason: 'dependency "b" was skipped' },
  ]);
});

void test('cancelled dependencies skip too, and skips cascade even when dependents are listed first', () => {
  const graph = { c: ['b'], b: ['a'], a: [] };
  assert.deepEqual(decideNextSteps(state(graph, { a: 'cancelled' })).skip, [
    { stepId: 'b', reason: 'dependency "a" was cancelled' },
    { stepId: 'c', reason: 'dependency "b" was skipped' },
  ]);
});

void test('an unrelated branch keeps going after a failure elsewhere', () => {
  const graph = { a: [], b: ['a'], x: [], y: ['x'] };
  const decision = decideNextSteps(state(graph, { a: 'failed', x: 'succeeded' }));
  assert.deepEqual(
    decision.skip.map((s) => s.stepId),
    ['b'],
  );
  assert.deepEqual(decision.start, ['y']);
});

void test('nothing to do once every step is final', () => {
  const done = decideNextSteps(
    state(diamond, { a: 'succeeded', b: 'succeeded', c: 'succeeded', d: 'failed' }),
  );
  assert.deepEqual(done, { skip: [], start: [] });
});

void test('heights: a sink is 1, each step one more than the longest chain waiting on it', () => {
  const heights = stepHeights(
    ['a', 'b', 'c', 'd', 'side'],
    new Map(Object.entries({ ...diamond, side: [] })),
  );
  assert.deepEqual(Object.fromEntries(heights), { a: 3, b: 2, c: 2, d: 1, side: 1 });
  const chain = Array.from({ length: 10_000 }, (_, i) => `s${i}`);
  const long = stepHeights(chain, new Map(chain.map((id, i) => [id, i ? [`s${i - 1}`] : []])));
  assert.equal(long.get('s0'), 10_000);
});

void test('with too few slots, the step with more work behind it starts first', () => {
  const graph = { short: [], long: [], next: ['long'], last: ['next'] };
  const base = state(graph, {}, 1);
  assert.deepEqual(decideNextSteps(base).start, ['short']);
  const priority = stepHeights(base.stepIds, base.dependencies);
  assert.deepEqual(decideNextSteps({ ...base, priority }).start, ['long']);
  assert.deepEqual(decideNextSteps({ ...base, maxParallel: 2, priority }).start, ['long', 'short']);
});
