import type { DependencyGraph } from '../core/graph/dependency-graph.js';

/**
 * A Mermaid flowchart, top to bottom in run order (an arrow from a step to the steps that depend on it).
 * Node names are `s0`, `s1`… so any id is safe; the id itself is shown as a quoted label.
 */
export function formatMermaid(graph: DependencyGraph): string {
  const node = new Map(graph.ids.map((id, index) => [id, `s${index}`]));
  const lines = ['flowchart TD'];
  for (const id of graph.ids) lines.push(`  ${node.get(id)}["${mermaidLabel(id)}"]`);
  for (const edge of graph.edges) lines.push(`  ${node.get(edge.to)} --> ${node.get(edge.from)}`);
  return lines.join('\n');
}

/** A Graphviz digraph with every id as a quoted, escaped string. */
export function formatDot(graph: DependencyGraph): string {
  const lines = ['digraph workflow {', '  rankdir=TB;', '  node [shape=box];'];
  for (const id of graph.ids) lines.push(`  ${dotString(id)};`);
  for (const edge of graph.edges) lines.push(`  ${dotString(edge.to)} -> ${dotString(edge.from)};`);
  lines.push('}');
  return lines.join('\n');
}

/** Mermaid labels inside `"…"` take HTML entities; a raw quote would end the label. */
function mermaidLabel(id: string): string {
  return id.replace(/[&"<>#]/g, (c) => `#${c.charCodeAt(0)};`);
}

function dotString(id: string): string {
  return `"${id.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
