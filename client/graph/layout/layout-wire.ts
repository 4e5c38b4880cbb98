import type { GraphLayout, Point } from './layout-types.js';

/**
 * A layout as it is posted to the webview: numbers in flat lists instead of a small object per point. A 500-step
 * graph's layout is 2,400 points; as objects, its structured clone was 13 ms of the webview's first paint, as flat
 * lists 1 ms.
 */
export interface WireLayout extends Omit<GraphLayout, 'nodes' | 'edges'> {
  /** Node ids, and each one's top-left corner as `x, y` at twice its index in `corners`. */
  ids: string[];
  corners: number[];
  /** Each edge's route as `[x0, y0, x1, y1, …]`, in the order of GraphLayout.edges. */
  routes: number[][];
}

export function toWire(layout: GraphLayout): WireLayout {
  const { nodes, edges, ...rest } = layout;
  const ids = Object.keys(nodes);
  const corners: number[] = [];
  for (const id of ids) corners.push(nodes[id]?.x ?? 0, nodes[id]?.y ?? 0);
  const routes = edges.map((route) => route.flatMap((point) => [point.x, point.y]));
  return { ...rest, ids, corners, routes };
}

export function fromWire(wire: WireLayout): GraphLayout {
  const { ids, corners, routes, ...rest } = wire;
  const nodes: Record<string, Point> = {};
  ids.forEach((id, i) => (nodes[id] = { x: corners[2 * i] ?? 0, y: corners[2 * i + 1] ?? 0 }));
  const edges = routes.map((flat) => {
    const route: Point[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) route.push({ x: flat[i] ?? 0, y: flat[i + 1] ?? 0 });
    return route;
  });
  return { ...rest, nodes, edges };
}
