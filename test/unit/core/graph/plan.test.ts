import assert from 'node:assert/strict';
import { test } from 'node:test';
import { criticalPath, levels, topologicalOrder } from '../../../../core/graph/plan.js';
import { graphOf } from './workflow-of.js';
import { must } from '../../../support/must.js';

// The seed spec's diamond: step1, then step2 and step3 in parallel, then step4.
const diamond = () => graphOf({ step1: [], step2: ['step1'], step3: ['step1'], step4: ['step2', 'step3'] });

void test('topological order puts every step after its dependencies, ties in declaration order', () => {
  assert.deepEqual(topologicalOrder(diamond()), ['step1', 'step2', 'step3', 'step4']);
  assert.deepEqual(topologicalOrder(graphOf({ c: ['b'], b: ['a'], a: [] })), ['a', 'b', 'c']);
  assert.deepEqual(topologicalOrder(graphOf({ x: [], y: [], z: [] })), ['x', 'y', 'z']);
});

void test('topological order leaves out steps on or behind a cycle', () => {
  assert.deepEqual(topologicalOrder(graphOf({ ok: [], a: ['b'], b: ['a'], after: ['a', 'ok'] })), ['ok']);
});

void test('topological order ignores unknown dependencies', () => {
  assert.deepEqual(topologicalOrder(graphOf({ a: ['ghost'], b: ['a'] })), ['a', 'b']);
});

void test('levels: 0 without dependencies, else one more than the highest dependency', () => {
  assert.deepEqual(
    [...levels(diamond())],
    [
      ['step1', 0],
      ['step2', 1],
      ['step3', 1],
      ['step4', 2],
    ],
  );
  assert.deepEqual(levels(graphOf({ a: [], b: ['a'], c: ['a', 'b'] })).get('c'), 2);
});

void test('critical path: the longest chain, weighted by duration', () => {
  assert.deepEqual(criticalPath(diamond()), { path: ['step1', 'step2', 'step4'], length: 3 });
  const durations: Record<string, number> = { step1: 1, step2: 1, step3: 5, step4: 2 };
  assert.deepEqual(
    criticalPath(diamond(), (id) => must(durations[id], `a duration for ${id}`)),
    { path: ['step1', 'step3', 'step4'], length: 8 },
  );
  assert.deepEqual(criticalPath(graphOf({})), { path: [], length: 0 });
});

void test('plans stay linear on a 10,000-step chain (no recursion)', () => {
  const chain: Record<string, string[]> = {};
  for (let i = 0; i < 10_000; i++) chain[`s${i}`] = i ? [`s${i - 1}`] : [];
  const graph = graphOf(chain);
  assert.equal(topologicalOrder(graph).length, 10_000);
  assert.equal(criticalPath(graph).length, 10_000);
  assert.equal(levels(graph).get('s9999'), 9_999);
});
