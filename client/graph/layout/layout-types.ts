// What the layouts take and give. Plain data: it crosses to the layout worker and to the webview as JSON.

/** The part of a workflow's graph that decides where boxes go: ids in YAML order and the edges between them. */
export interface LayoutGraph {
  /** Node ids in YAML order (missing ids after the steps). */
  nodes: string[];
  /** `from → to` in run order; `cycle` edges are the ones inside a dependency cycle. */
  edges: LayoutEdge[];
}

export interface LayoutEdge {
  from: string;
  to: string;
  cycle: boolean;
}

export interface Point {
  x: number;
  y: number;
}

/** Which algorithm placed the nodes: ELK's layered layout, or the small deterministic one. */
export type LayoutEngine = 'elk' | 'fallback';

/** Where every node and edge of one LayoutGraph goes. */
export interface GraphLayout {
  /** The structural key of the LayoutGraph it was computed for (structural-key.ts). */
  key: string;
  engine: LayoutEngine;
  /** Top-left corner of each node's box, by id. */
  nodes: Record<string, Point>;
  /** Each edge's route from its source box to its target box, in the order of LayoutGraph.edges. */
  edges: Point[][];
  width: number;
  height: number;
}

/** Every box has the same size, so a longer name or another image never moves a node (labels are clipped). */
export const NODE_WIDTH = 184;
export const NODE_HEIGHT = 52;
/** Space between layers (columns: the graph runs left to right) and between boxes of one layer. */
export const LAYER_SPACING = 64;
export const NODE_SPACING = 20;
/** Room kept around the drawing. */
export const MARGIN = 24;
