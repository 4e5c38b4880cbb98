import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findCycles } from '../../../../core/graph/find-cycles.js';
import { graphOf } from './workflow-of.js';

void test('no cycles in a DAG', () => {
  assert.deepEqual(findCycles(graphOf({ a: [], b: ['a'], c: ['a', 'b'] })), []);
});

void test('one cycle through every step: members, and a closed path the way depends_on is written', () => {
  // fetch depends on report, report on transform, transform on fetch.
  const cycles = findCycles(graphOf({ fetch: ['report'], transform: ['fetch'], report: ['transform'] }));
  assert.deepEqual(cycles, [
    { members: ['fetch', 'transform', 'report'], path: ['fetch', 'report', 'transform', 'fetch'] },
  ]);
});

void test('a step that depends on a cycle, or that the cycle depends on, is not part of it', () => {
  const cycles = findCycles(graphOf({ init: [], a: ['init', 'b'], b: ['a'], publish: ['b'] }));
  assert.deepEqual(
    cycles.map((c) => c.members),
    [['a', 'b']],
  );
});

void test('two disjoint cycles are both found, in declaration order', () => {
  const cycles = findCycles(graphOf({ a: ['b'], b: ['a'], x: ['z'], y: ['x'], z: ['y'] }));
  assert.deepEqual(
    cycles.map((c) => c.path),
    [
      ['a', 'b', 'a'],
      ['x', 'z', 'y', 'x'],
    ],
  );
});

void test('a self-dependency is a cycle of one', () => {
  assert.deepEqual(findCycles(graphOf({ a: ['a'], b: ['a'] })), [{ members: ['a'], path: ['a', 'a'] }]);
});

void test('a typo makes no phantom cycle: unknown ids are not in the graph', () => {
  assert.deepEqual(findCycles(graphOf({ build: [], test: ['biuld'], deploy: ['test'] })), []);
});

void test('a 10,000-step cycle is found without overflowing the stack', () => {
  const ring: Record<string, string[]> = {};
  for (let i = 0; i < 10_000; i++) ring[`s${i}`] = [`s${(i + 9_999) % 10_000}`];
  const [cycle] = findCycles(graphOf(ring));
  assert.ok(cycle, 'the ring is a cycle');
  assert.equal(cycle.members.length, 10_000);
  assert.equal(cycle.path.length, 10_001);
});
