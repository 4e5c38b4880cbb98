// Golden layouts: test/fixtures/graph-layout/<workflow>.fallback.json. `UPDATE_GOLDEN=1` rewrites them; review the
// change by eye (npm run graph:preview is not needed: the JSON is small).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fallbackLayout } from '../../../../../client/graph/layout/fallback-layout.js';
import { layoutGraphOf, structuralKey } from '../../../../../client/graph/layout/structural-key.js';
import type { LayoutGraph } from '../../../../../client/graph/layout/layout-types.js';
import { goldenWorkflows, matchGolden } from '../support/golden-workflows.js';
import { assertSoundLayout, columns } from '../support/layout-checks.js';
import { modelOf } from '../support/model-of.js';
import { syntheticGraph } from '../support/synthetic-graphs.js';
import { FIXTURES } from '../../../../support/paths.js';

function layoutOf(graph: LayoutGraph) {
  return fallbackLayout(graph, structuralKey(graph));
}

for (const { name, text } of goldenWorkflows()) {
  void test(`golden fallback layout: ${name}`, async () => {
    const graph = layoutGraphOf(modelOf(text));
    const layout = layoutOf(graph);
    assertSoundLayout(graph, layout);
    await matchGolden(`${name}.fallback.json`, layout);
  });
}

void test('a chain is one straight row, in order', () => {
  const graph = syntheticGraph('chain', 5);
  const layout = layoutOf(graph);
  const xs = graph.nodes.map((id) => layout.nodes[id]?.x ?? NaN);
  assert.equal(new Set(graph.nodes.map((id) => layout.nodes[id]?.y)).size, 1);
  assert.deepEqual(
    xs,
    [...xs].sort((a, b) => a - b),
  );
});

void test('steps without dependencies stand in the first column in YAML order', () => {
  const layout = layoutOf({ nodes: ['c', 'a', 'b'], edges: [] });
  assert.deepEqual([...columns(layout, ['c', 'a', 'b']).values()], [['c', 'a', 'b']]);
});

void test('the steps of a cycle take one column each, in YAML order, and the rest stays left to right', () => {
  const graph = layoutGraphOf(modelOf(readFileSync(join(FIXTURES, 'graph/cycle.dagger.yaml'), 'utf8')));
  const layout = layoutOf(graph);
  const x = (id: string): number => layout.nodes[id]?.x ?? NaN;
  assert.ok(x('setup') < x('fetch') && x('fetch') < x('transform') && x('transform') < x('report'));
  assert.ok(x('report') < x('publish'));
  assertSoundLayout(graph, layout);
});

void test('adding a leaf step after the others moves none of them', () => {
  const before = layoutGraphOf(modelOf(readFileSync(join(FIXTURES, 'graph/long-edges.dagger.yaml'), 'utf8')));
  const after: LayoutGraph = {
    nodes: [...before.nodes, 'notify'],
    edges: [...before.edges, { from: 'release', to: 'notify', cycle: false }],
  };
  const [old, next] = [layoutOf(before), layoutOf(after)];
  for (const id of before.nodes) assert.equal(next.nodes[id]?.x, old.nodes[id]?.x, `${id} keeps its column`);
  assert.deepEqual(
    [...columns(next, before.nodes).values()],
    [...columns(old, before.nodes).values()],
    'every column keeps its order',
  );
});

void test('the same graph always gives the same layout', () => {
  const graph = syntheticGraph('lattice', 300);
  assert.deepEqual(layoutOf(graph), layoutOf(structuredClone(graph)));
});

for (const shape of ['chain', 'fan-out', 'lattice'] as const) {
  void test(`1,000 steps (${shape}) lay out soundly`, () => {
    const graph = syntheticGraph(shape, 1000);
    assertSoundLayout(graph, layoutOf(graph));
  });
}
