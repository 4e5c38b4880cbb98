import {
  LAYER_SPACING,
  MARGIN,
  NODE_HEIGHT,
  NODE_SPACING,
  NODE_WIDTH,
  type GraphLayout,
  type LayoutGraph,
  type Point,
} from './layout-types.js';

/** Barycenter sweeps over the layers (down, up, down, up): enough to untangle workflow graphs, cheap at 1,000. */
const SWEEPS = 4;
/** A long edge passes through the layers between its ends as a thin stand-in box. */
const DUMMY_HEIGHT = 8;

interface Slot {
  /** A node id, or undefined for a long edge's stand-in. */
  id?: string;
  layer: number;
  /** Position within its layer, updated by the sweeps. */
  order: number;
  /** Neighbours in the previous and the next layer (for the sweeps). */
  before: Slot[];
  after: Slot[];
  y: number;
  height: number;
}

/**
 * The small deterministic layout: longest-path layers over the graph with each dependency cycle condensed (its
 * steps stacked in YAML order), YAML order within each layer, a few barycenter sweeps, boxes centred on the
 * middle line. Used for the first paint while ELK runs, for graphs too large for ELK, and as the tests' oracle.
 * O(V + E + length of long edges); the same graph always gives the same coordinates.
 */
export function fallbackLayout(graph: LayoutGraph, key: string): GraphLayout {
  const index = new Map(graph.nodes.map((id, i) => [id, i]));
  const layerOf = assignLayers(graph, index);
  const layers: Slot[][] = [];
  const slotOf = new Map<string, Slot>();
  const place = (slot: Slot): Slot => {
    const layer = (layers[slot.layer] ??= []);
    slot.order = layer.length;
    layer.push(slot);
    return slot;
  };
  // Nodes in YAML order, so each layer starts in YAML order.
  for (const id of graph.nodes) {
    const slot = place({
      id,
      layer: layerOf.get(id) ?? 0,
      order: 0,
      before: [],
      after: [],
      y: 0,
      height: NODE_HEIGHT,
    });
    slotOf.set(id, slot);
  }
  // Forward edges longer than one layer get a chain of stand-ins; cycle edges are drawn as they are.
  const chains: Slot[][] = graph.edges.map((edge) => {
    const from = slotOf.get(edge.from);
    const to = slotOf.get(edge.to);
    if (!from || !to) return [];
    if (edge.cycle || to.layer <= from.layer) return [from, to];
    const chain = [from];
    for (let layer = from.layer + 1; layer < to.layer; layer++)
      chain.push(place({ layer, order: 0, before: [], after: [], y: 0, height: DUMMY_HEIGHT }));
    chain.push(to);
    for (let i = 1; i < chain.length; i++) {
      const [a, b] = [chain[i - 1], chain[i]];
      if (a && b) {
        a.after.push(b);
        b.before.push(a);
      }
    }
    return chain;
  });
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const down = sweep % 2 === 0;
    const sequence = down ? layers.slice(1) : layers.slice(0, -1).reverse();
    for (const layer of sequence) reorderByBarycenter(layer, down ? 'before' : 'after');
  }
  const height = placeVertically(layers);
  const nodes: Record<string, Point> = {};
  for (const [id, slot] of slotOf) nodes[id] = { x: xOf(slot.layer), y: slot.y };
  const edges = chains.map((chain) => route(chain, height));
  const backEdgeRoom = chains.some(isBackward) ? LAYER_SPACING / 2 : 0;
  return {
    key,
    engine: 'fallback',
    nodes,
    edges,
    width: xOf(Math.max(0, layers.length - 1)) + NODE_WIDTH + MARGIN,
    height: height + backEdgeRoom + MARGIN,
  };
}

/**
 * Longest-path layers of the condensed graph: the steps of one cycle (joined by its cycle edges) form a block
 * that takes as many layers as it has steps, in YAML order; every other edge goes at least one layer forward.
 */
function assignLayers(graph: LayoutGraph, index: Map<string, number>): Map<string, number> {
  const block = new Map<string, string>();
  const root = (id: string): string => {
    let at = id;
    while (block.has(at) && block.get(at) !== at) at = block.get(at) ?? at;
    block.set(id, at);
    return at;
  };
  for (const id of graph.nodes) block.set(id, id);
  for (const edge of graph.edges) {
    if (!edge.cycle || !index.has(edge.from) || !index.has(edge.to)) continue;
    const [a, b] = [root(edge.from), root(edge.to)];
    // The block is named by its first step in YAML order.
    if (a === b) continue;
    if ((index.get(a) ?? 0) < (index.get(b) ?? 0)) block.set(b, a);
    else block.set(a, b);
  }
  const members = new Map<string, string[]>();
  for (const id of graph.nodes) {
    const name = root(id);
    const list = members.get(name);
    if (list) list.push(id);
    else members.set(name, [id]);
  }
  const successors = new Map<string, Set<string>>();
  const waiting = new Map<string, number>();
  for (const name of members.keys()) waiting.set(name, 0);
  for (const edge of graph.edges) {
    if (edge.cycle || !index.has(edge.from) || !index.has(edge.to)) continue;
    const [a, b] = [root(edge.from), root(edge.to)];
    if (a === b) continue;
    const next = successors.get(a) ?? new Set<string>();
    if (!next.has(b)) {
      next.add(b);
      waiting.set(b, (waiting.get(b) ?? 0) + 1);
    }
    successors.set(a, next);
  }
  // Kahn's order over the blocks, each block starting after the last layer of every block before it.
  const start = new Map<string, number>();
  const ready = [...members.keys()].filter((name) => waiting.get(name) === 0);
  for (let head = 0; head < ready.length; head++) {
    const name = ready[head] ?? '';
    const end = (start.get(name) ?? 0) + (members.get(name)?.length ?? 1);
    for (const next of successors.get(name) ?? []) {
      start.set(next, Math.max(start.get(next) ?? 0, end));
      const left = (waiting.get(next) ?? 1) - 1;
      waiting.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  const layer = new Map<string, number>();
  for (const [name, list] of members) list.forEach((id, i) => layer.set(id, (start.get(name) ?? 0) + i));
  return layer;
}

/** Sort a layer by the mean position of each slot's neighbours on one side; ties and loners keep their place. */
function reorderByBarycenter(layer: Slot[], side: 'before' | 'after'): void {
  const weight = new Map<Slot, number>();
  for (const slot of layer) {
    const neighbours = slot[side];
    weight.set(
      slot,
      neighbours.length ? neighbours.reduce((sum, n) => sum + n.order, 0) / neighbours.length : slot.order,
    );
  }
  layer.sort((a, b) => (weight.get(a) ?? 0) - (weight.get(b) ?? 0) || a.order - b.order);
  layer.forEach((slot, order) => (slot.order = order));
}

/** Stack each layer's boxes and centre the layers on one middle line; returns the drawing's height. */
function placeVertically(layers: Slot[][]): number {
  const extent = (layer: Slot[]): number =>
    layer.reduce((sum, slot) => sum + slot.height, 0) + NODE_SPACING * Math.max(0, layer.length - 1);
  const tallest = Math.max(0, ...layers.map(extent));
  for (const layer of layers) {
    let y = MARGIN + (tallest - extent(layer)) / 2;
    for (const slot of layer) {
      slot.y = Math.round(y);
      y += slot.height + NODE_SPACING;
    }
  }
  return MARGIN + tallest;
}

function xOf(layer: number): number {
  return MARGIN + layer * (NODE_WIDTH + LAYER_SPACING);
}

function isBackward(chain: Slot[]): boolean {
  const [from, to] = [chain[0], chain[chain.length - 1]];
  return chain.length === 2 && from !== undefined && to !== undefined && to.layer <= from.layer;
}

/** From the right side of the source box, through the stand-ins, to the left side of the target box. */
function route(chain: Slot[], bottom: number): Point[] {
  const [from, to] = [chain[0], chain[chain.length - 1]];
  if (!from || !to) return [];
  const middle = (slot: Slot): number => slot.y + (slot.id === undefined ? DUMMY_HEIGHT : NODE_HEIGHT) / 2;
  if (isBackward(chain)) {
    // A cycle edge back to an earlier (or the same) layer loops below the drawing.
    const below = bottom + LAYER_SPACING / 4;
    const fromX = xOf(from.layer) + NODE_WIDTH / 2;
    const toX = xOf(to.layer) + NODE_WIDTH / 2;
    return [
      { x: fromX, y: from.y + NODE_HEIGHT },
      { x: fromX, y: below },
      { x: toX, y: below },
      { x: toX, y: to.y + NODE_HEIGHT },
    ];
  }
  const points: Point[] = [{ x: xOf(from.layer) + NODE_WIDTH, y: middle(from) }];
  for (const slot of chain.slice(1, -1)) {
    points.push(
      { x: xOf(slot.layer), y: middle(slot) },
      { x: xOf(slot.layer) + NODE_WIDTH, y: middle(slot) },
    );
  }
  points.push({ x: xOf(to.layer), y: middle(to) });
  return points;
}
