import assert from 'node:assert/strict';
import {
  NODE_HEIGHT,
  NODE_WIDTH,
  type GraphLayout,
  type LayoutGraph,
} from '../../../../../client/graph/layout/layout-types.js';

/** What every layout must give: a place for every node, no two boxes overlapping, edges from box to box. */
export function assertSoundLayout(graph: LayoutGraph, layout: GraphLayout): void {
  const boxes = graph.nodes.map((id) => {
    const at = layout.nodes[id];
    assert.ok(at, `node ${id} has a place`);
    assert.ok(
      at.x >= 0 && at.y >= 0 && at.x + NODE_WIDTH <= layout.width && at.y + NODE_HEIGHT <= layout.height,
      `${id} lies inside the drawing`,
    );
    return { id, ...at };
  });
  // Sorted by x, only boxes of overlapping columns are compared: fine at 1,000 nodes.
  boxes.sort((a, b) => a.x - b.x || a.y - b.y);
  boxes.forEach((a, i) => {
    for (const b of boxes.slice(i + 1)) {
      if (b.x >= a.x + NODE_WIDTH) break;
      assert.ok(b.y >= a.y + NODE_HEIGHT || a.y >= b.y + NODE_HEIGHT, `${a.id} and ${b.id} overlap`);
    }
  });
  assert.equal(layout.edges.length, graph.edges.length, 'a route per edge');
  graph.edges.forEach((edge, i) => {
    const route = layout.edges[i] ?? [];
    assert.ok(route.length >= 2, `edge ${edge.from}→${edge.to} has a route`);
    if (edge.cycle) return;
    const from = layout.nodes[edge.from];
    const to = layout.nodes[edge.to];
    assert.ok(from && to && to.x > from.x, `${edge.from}→${edge.to} runs left to right`);
    const [first, last] = [route[0], route[route.length - 1]];
    assert.ok(
      first && near(first.x, from.x + NODE_WIDTH),
      `${edge.from}→${edge.to} leaves ${edge.from}'s right side`,
    );
    assert.ok(last && near(last.x, to.x), `${edge.from}→${edge.to} enters ${edge.to}'s left side`);
  });
}

/** The top-to-bottom order of the nodes in each column, by column x. */
export function columns(layout: GraphLayout, ids: readonly string[]): Map<number, string[]> {
  const byX = new Map<number, string[]>();
  const sorted = ids
    .filter((id) => layout.nodes[id])
    .sort((a, b) => (layout.nodes[a]?.y ?? 0) - (layout.nodes[b]?.y ?? 0));
  for (const id of sorted) {
    const x = layout.nodes[id]?.x ?? 0;
    byX.set(x, [...(byX.get(x) ?? []), id]);
  }
  return byX;
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 2;
}
