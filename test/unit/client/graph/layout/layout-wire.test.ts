import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fallbackLayout } from '../../../../../client/graph/layout/fallback-layout.js';
import { fromWire, toWire } from '../../../../../client/graph/layout/layout-wire.js';
import { structuralKey } from '../../../../../client/graph/layout/structural-key.js';
import { syntheticGraph } from '../support/synthetic-graphs.js';

void test('a layout posted to the webview comes back whole: every corner, every route point, in order', () => {
  const graph = syntheticGraph('lattice', 60);
  const fallback = fallbackLayout(graph, structuralKey(graph));
  // ELK's routes bend: more than two points, at fractions of a pixel.
  const bent = {
    ...fallback,
    engine: 'elk' as const,
    edges: fallback.edges.map((route, i) => [
      ...route.slice(0, 1),
      { x: 10.25 + i, y: 7.5 },
      { x: 10.25 + i, y: 99.75 },
      ...route.slice(1),
    ]),
  };
  for (const layout of [fallback, bent]) {
    const wire = toWire(layout);
    assert.deepEqual(fromWire(structuredClone(wire)), layout, layout.engine);
    assert.ok(
      JSON.stringify(wire).length < JSON.stringify(layout).length,
      'and is smaller than the layout it carries',
    );
  }
});

void test('an empty graph and an edge without a route cross too', () => {
  const empty = { key: 'k', engine: 'fallback' as const, nodes: {}, edges: [], width: 0, height: 0 };
  assert.deepEqual(fromWire(toWire(empty)), empty);
  const bare = { ...empty, nodes: { a: { x: 1.5, y: -2 } }, edges: [[]] };
  assert.deepEqual(fromWire(toWire(bare)), bare);
});
