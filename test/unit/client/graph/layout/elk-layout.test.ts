import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ELK_OPTIONS,
  MODEL_ORDER_MAX_STEPS,
  elkOptionsFor,
  toElkGraph,
} from '../../../../../client/graph/layout/elk-layout.js';
import { syntheticGraph } from '../support/synthetic-graphs.js';

const MODEL_ORDER = 'elk.layered.considerModelOrder.strategy';

void test('graphs people read box by box keep the YAML order; large ones leave it to the crossing minimisation', () => {
  assert.equal(elkOptionsFor(syntheticGraph('fan-out', 40))[MODEL_ORDER], 'NODES_AND_EDGES');
  assert.equal(elkOptionsFor(syntheticGraph('chain', MODEL_ORDER_MAX_STEPS))[MODEL_ORDER], 'NODES_AND_EDGES');
  const large = elkOptionsFor(syntheticGraph('fan-out', MODEL_ORDER_MAX_STEPS + 1));
  assert.equal(large[MODEL_ORDER], 'NONE');
  // Everything else is the same layout.
  assert.deepEqual({ ...large, [MODEL_ORDER]: ELK_OPTIONS[MODEL_ORDER] }, ELK_OPTIONS);
});

void test('the ELK graph carries the options chosen for its size', () => {
  assert.equal(toElkGraph(syntheticGraph('fan-out', 500)).layoutOptions?.[MODEL_ORDER], 'NONE');
  assert.equal(toElkGraph(syntheticGraph('lattice', 60)).layoutOptions?.[MODEL_ORDER], 'NODES_AND_EDGES');
});
