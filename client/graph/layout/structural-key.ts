import { createHash } from 'node:crypto';
import type { GraphModel } from '../../../protocol/graph-messages.js';
import type { LayoutGraph } from './layout-types.js';

/** Bumped when a layout's options or geometry change, so layouts cached by an older version are not reused. */
const LAYOUT_VERSION = 1;

/** What the layout depends on in a graph model: ids in YAML order and the edges; nothing else. */
export function layoutGraphOf(model: Pick<GraphModel, 'nodes' | 'edges'>): LayoutGraph {
  return {
    nodes: model.nodes.map((node) => node.id),
    edges: model.edges.map((edge) => ({ from: edge.from, to: edge.to, cycle: edge.kind === 'cycle' })),
  };
}

/**
 * The key layouts are cached and compared by: the same ids in the same order with the same edges give the same
 * key, so editing a name, an image or an environment keeps the layout and never moves a node.
 */
export function structuralKey(graph: LayoutGraph): string {
  const hash = createHash('sha256');
  hash.update(`v${LAYOUT_VERSION}\n`);
  // JSON quoting keeps ids apart whatever characters they hold.
  hash.update(JSON.stringify(graph.nodes));
  hash.update(JSON.stringify(graph.edges.map((edge) => [edge.from, edge.to, edge.cycle ? 1 : 0])));
  return hash.digest('base64url');
}
