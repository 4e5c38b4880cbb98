import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { LayoutCache, type LayoutStore } from '../../../../../client/graph/layout/layout-cache.js';
import type { GraphLayout, LayoutGraph } from '../../../../../client/graph/layout/layout-types.js';
import { PanelLayout } from '../../../../../client/graph/layout/panel-layout.js';
import { structuralKey } from '../../../../../client/graph/layout/structural-key.js';
import { elkWorker } from './layout-worker.js';
import { syntheticGraph } from '../../../../unit/client/graph/support/synthetic-graphs.js';

const worker = elkWorker();
after(() => worker.stop());

/** A workspaceState stand-in: a Map (the cache only calls get and update). */
function memoryStore(): LayoutStore & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    get: <T>(key: string) => values.get(key) as T | undefined,
    update: (key, value) => {
      values.set(key, value);
      return Promise.resolve();
    },
  };
}

/** A PanelLayout recording what it shows, and a way to wait for the next shown layout. */
function panel(options: { maxElkNodes?: number; firstPaintMs?: number } = {}, store = memoryStore()) {
  const shown: GraphLayout[] = [];
  let waiter: (() => void) | undefined;
  const layout = new PanelLayout(
    'file:///wf.dagger.yaml',
    worker,
    new LayoutCache(store),
    { maxElkNodes: options.maxElkNodes ?? 1000, firstPaintMs: options.firstPaintMs ?? 250 },
    (next) => {
      shown.push(next);
      waiter?.();
    },
  );
  const until = async (done: () => boolean): Promise<void> => {
    while (!done()) await new Promise<void>((resolve) => (waiter = resolve));
  };
  return { layout, shown, store, until };
}

void test('ELK within the first-paint budget: its layout is the only one shown', async () => {
  const { layout, shown, until } = panel({ firstPaintMs: 60_000 });
  const graph = syntheticGraph('chain', 4);
  const key = layout.update(graph);
  await until(() => shown.length > 0);
  assert.deepEqual(
    shown.map((l) => [l.engine, l.key]),
    [['elk', key]],
  );
  assert.equal(layout.layoutFor(key)?.engine, 'elk');
  layout.dispose();
});

void test('ELK slower than the first-paint budget: the fallback shows first, then ELK replaces it', async () => {
  const { layout, shown, until } = panel({ firstPaintMs: 0 });
  const key = layout.update(syntheticGraph('lattice', 120));
  await until(() => shown.length >= 2);
  assert.deepEqual(
    shown.map((l) => [l.engine, l.key]),
    [
      ['fallback', key],
      ['elk', key],
    ],
  );
  layout.dispose();
});

void test('the same structure again lays nothing out; a new one does', async () => {
  const { layout, shown, until } = panel({ firstPaintMs: 60_000 });
  const graph = syntheticGraph('chain', 5);
  layout.update(graph);
  await until(() => shown.length === 1);
  assert.equal(layout.update(structuredClone(graph)), structuralKey(graph));
  const grown: LayoutGraph = {
    nodes: [...graph.nodes, 'x'],
    edges: [...graph.edges, { from: 's4', to: 'x', cycle: false }],
  };
  layout.update(grown);
  await until(() => shown.length === 2);
  assert.equal(shown[1]?.key, structuralKey(grown));
  assert.equal(shown.length, 2, 'the repeated structure showed nothing');
  layout.dispose();
});

void test('a layout is cached per file: a new panel (after a reload) shows it at once, without ELK', async () => {
  const store = memoryStore();
  const first = panel({ firstPaintMs: 60_000 }, store);
  const graph = syntheticGraph('fan-out', 30);
  first.layout.update(graph);
  await first.until(() => first.shown.length === 1);
  first.layout.dispose();
  assert.equal(store.values.size, 1, 'the last ELK layout of the file is in workspaceState');
  // A fresh cache over the same store is what a reloaded window has.
  const second = panel({ firstPaintMs: 60_000 }, store);
  second.layout.update(graph);
  assert.deepEqual(second.shown, first.shown, 'shown synchronously, from the store');
  second.layout.dispose();
});

void test('past the ELK limit the fallback layout is the layout', () => {
  const { layout, shown } = panel({ maxElkNodes: 10 });
  const key = layout.update(syntheticGraph('chain', 11));
  assert.deepEqual(
    shown.map((l) => [l.engine, l.key]),
    [['fallback', key]],
  );
  layout.dispose();
});
