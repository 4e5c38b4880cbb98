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

/** The part of elkjs's API the adapter uses (elkjs/lib/elk-api.d.ts), so this file needs no elkjs import. */
export interface ElkEngine {
  layout(graph: ElkGraph): Promise<ElkGraph>;
}

interface ElkSection {
  startPoint: Point;
  endPoint: Point;
  bendPoints?: Point[];
}

export interface ElkGraph {
  id: string;
  layoutOptions?: Record<string, string>;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  children?: ElkGraph[];
  edges?: { id: string; sources: string[]; targets: string[]; sections?: ElkSection[] }[];
}

/**
 * ELK's layered algorithm, left to right, keeping the YAML order of nodes and edges wherever the crossing
 * minimisation allows, so adding a step does not reshuffle the others. Chosen with `npm run bench:graph`:
 * longest-path layering and one pass of crossing minimisation (thoroughness 1) keep 500 steps inside the budget,
 * where network-simplex layering took tens of seconds on wide fan-outs.
 */
export const ELK_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.layering.strategy': 'LONGEST_PATH',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
  'elk.layered.thoroughness': '1',
  'elk.layered.spacing.nodeNodeBetweenLayers': String(LAYER_SPACING),
  'elk.spacing.nodeNode': String(NODE_SPACING),
  'elk.padding': `[top=${MARGIN},left=${MARGIN},bottom=${MARGIN},right=${MARGIN}]`,
};

/**
 * Keeping the YAML order costs ELK time that grows much faster than the graph: a tree of 200 steps (hubs of ten)
 * took 4 s with it and a fifth of that without, 500 took 37 s against 1 s (`npm run bench:graph`, fan-out). Past this
 * many steps the order is left to the crossing minimisation alone; below it, where people read a graph box by box,
 * the file's order is kept.
 */
export const MODEL_ORDER_MAX_STEPS = 100;

/** The options for `graph`: ELK_OPTIONS, without the YAML order past MODEL_ORDER_MAX_STEPS steps. */
export function elkOptionsFor(graph: LayoutGraph): Record<string, string> {
  return graph.nodes.length <= MODEL_ORDER_MAX_STEPS
    ? ELK_OPTIONS
    : { ...ELK_OPTIONS, 'elk.layered.considerModelOrder.strategy': 'NONE' };
}

/** The ELK graph of a LayoutGraph: fixed-size boxes in YAML order, edges in `depends_on` order. */
export function toElkGraph(
  graph: LayoutGraph,
  options: Record<string, string> = elkOptionsFor(graph),
): ElkGraph {
  const known = new Set(graph.nodes);
  return {
    id: 'workflow',
    layoutOptions: options,
    children: graph.nodes.map((id) => ({ id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: graph.edges.flatMap((edge, i) =>
      known.has(edge.from) && known.has(edge.to)
        ? [{ id: `e${i}`, sources: [edge.from], targets: [edge.to] }]
        : [],
    ),
  };
}

/** Read ELK's answer back into a GraphLayout (coordinates rounded: the cache keeps them small). */
export function fromElkGraph(result: ElkGraph, graph: LayoutGraph, key: string): GraphLayout {
  const nodes: Record<string, Point> = {};
  for (const child of result.children ?? [])
    nodes[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  const routes = new Map<string, Point[]>();
  for (const edge of result.edges ?? []) {
    const section = edge.sections?.[0];
    if (!section) continue;
    routes.set(edge.id, [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(rounded));
  }
  return {
    key,
    engine: 'elk',
    nodes,
    edges: graph.edges.map((_, i) => routes.get(`e${i}`) ?? []),
    width: Math.round(result.width ?? 0),
    height: Math.round(result.height ?? 0),
  };
}

/** Lay a graph out with ELK. */
export async function elkLayout(elk: ElkEngine, graph: LayoutGraph, key: string): Promise<GraphLayout> {
  return fromElkGraph(await elk.layout(toElkGraph(graph)), graph, key);
}

function rounded(point: Point): Point {
  return { x: Math.round(point.x), y: Math.round(point.y) };
}
