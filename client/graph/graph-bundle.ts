// Entry of dist/graph.js: the graph panels, loaded on the first Show Graph (or when VS Code restores a graph
// panel after a reload), so activation does not pay for them (load-graph.ts).
export { GraphPanels } from './graph-panels.js';
