// ELK's layouts through the real layout worker. Golden files: test/fixtures/graph-layout/<workflow>.elk.json
// (`UPDATE_GOLDEN=1` rewrites them; review the change).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { LayoutFailed } from '../../../../../client/graph/layout/layout-worker-client.js';
import type { GraphLayout, LayoutGraph } from '../../../../../client/graph/layout/layout-types.js';
import { layoutGraphOf, structuralKey } from '../../../../../client/graph/layout/structural-key.js';
import { goldenWorkflows, matchGolden } from '../../../../unit/client/graph/support/golden-workflows.js';
import { assertSoundLayout, columns } from '../../../../unit/client/graph/support/layout-checks.js';
import { elkWorker } from './layout-worker.js';
import { modelOf } from '../../../../unit/client/graph/support/model-of.js';
import { syntheticGraph } from '../../../../unit/client/graph/support/synthetic-graphs.js';
import { FIXTURES } from '../../../../support/paths.js';

const worker = elkWorker();
after(() => worker.stop());

async function layoutOf(graph: LayoutGraph): Promise<GraphLayout> {
  const layout = await worker.layout('test', graph, structuralKey(graph));
  assert.ok(layout, 'ELK answered');
  return layout;
}

for (const { name, text } of goldenWorkflows()) {
  void test(`golden ELK layout: ${name}`, async () => {
    const graph = layoutGraphOf(modelOf(text));
    const layout = await layoutOf(graph);
    assert.equal(layout.engine, 'elk');
    assert.equal(layout.key, structuralKey(graph));
    assertSoundLayout(graph, layout);
    await matchGolden(`${name}.elk.json`, layout);
  });
}

void test('ELK keeps the YAML order: independent steps of a column stay in file order', async () => {
  const layout = await layoutOf({ nodes: ['zeta', 'alpha', 'mid'], edges: [] });
  assert.deepEqual([...columns(layout, ['zeta', 'alpha', 'mid']).values()], [['zeta', 'alpha', 'mid']]);
});

void test('adding a leaf step keeps every column of the others in the same order', async () => {
  const before = layoutGraphOf(modelOf(readFileSync(join(FIXTURES, 'graph/long-edges.dagger.yaml'), 'utf8')));
  const grown: LayoutGraph = {
    nodes: [...before.nodes, 'notify'],
    edges: [...before.edges, { from: 'release', to: 'notify', cycle: false }],
  };
  const [old, next] = [await layoutOf(before), await layoutOf(grown)];
  for (const id of before.nodes) assert.equal(next.nodes[id]?.x, old.nodes[id]?.x, `${id} keeps its column`);
  assert.deepEqual([...columns(next, before.nodes).values()], [...columns(old, before.nodes).values()]);
});

void test('cycles and missing ids are laid out too (ELK breaks the cycle itself)', async () => {
  const graph = layoutGraphOf(modelOf(readFileSync(join(FIXTURES, 'graph/cycle.dagger.yaml'), 'utf8')));
  const layout = await layoutOf(graph);
  assert.ok(graph.edges.some((edge) => edge.cycle));
  assertSoundLayout(graph, layout);
});

void test('the same graph always gives the same layout', async () => {
  const graph = syntheticGraph('lattice', 60);
  assert.deepEqual(await layoutOf(graph), await layoutOf(structuredClone(graph)));
});

void test('a layout past its time budget fails (the caller keeps the fallback) and the next one works again', async () => {
  const impatient = elkWorker(1);
  try {
    await assert.rejects(impatient.layout('a', syntheticGraph('lattice', 400), 'k'), LayoutFailed);
  } finally {
    impatient.stop();
  }
  const graph = syntheticGraph('chain', 3);
  assert.ok(await layoutOf(graph));
});

void test('only the newest request of an owner waits: an older one still queued resolves undefined', async () => {
  const big = syntheticGraph('lattice', 200);
  const running = worker.layout('other', big, 'big');
  const stale = worker.layout('panel', syntheticGraph('chain', 3), 'old');
  const fresh = worker.layout('panel', syntheticGraph('chain', 4), 'new');
  assert.equal(await stale, undefined);
  assert.equal((await fresh)?.key, 'new');
  assert.equal((await running)?.key, 'big');
});
