import type { LayoutGraph } from '../../../../../client/graph/layout/layout-types.js';

/** The shapes the benchmark and the tests lay out: a chain, fan-outs of 50, and a lattice 10 wide. */
export type GraphShape = 'chain' | 'fan-out' | 'lattice';

/** A graph of `size` steps of one shape, ids `s0…`, in YAML order. */
export function syntheticGraph(shape: GraphShape, size: number): LayoutGraph {
  const nodes = Array.from({ length: size }, (_, i) => `s${i}`);
  const edges: LayoutGraph['edges'] = [];
  const edge = (from: number, to: number): void =>
    void edges.push({ from: `s${from}`, to: `s${to}`, cycle: false });
  for (let i = 1; i < size; i++) {
    if (shape === 'chain') edge(i - 1, i);
    // Hubs s0, s50, s100… each fan out to the next 50 steps (and each hub hangs off the previous hub).
    else if (shape === 'fan-out') edge(Math.floor((i - 1) / 50) * 50, i);
    else if (i >= 10) {
      edge(i - 10, i);
      if (i % 10) edge(i - 11, i);
    }
  }
  return { nodes, edges };
}
