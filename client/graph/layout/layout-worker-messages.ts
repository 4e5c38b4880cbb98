import type { GraphLayout, LayoutGraph } from './layout-types.js';

/** Host → layout worker: lay this graph out with ELK. */
export interface LayoutRequest {
  id: number;
  graph: LayoutGraph;
  key: string;
}

/** Layout worker → host: the layout and how long ELK took, or why it failed. */
export type LayoutResponse = { id: number; layout: GraphLayout; ms: number } | { id: number; error: string };
