import type { GraphModel, GraphNode } from '../../protocol/graph-messages.js';

/** The step whose lines hold 0-based `line` (the cursor's, a breakpoint's, a debugger frame's), if any. */
export function stepAtLine(model: GraphModel | undefined, line: number): GraphNode | undefined {
  return model?.nodes.find((node) => node.kind === 'step' && node.firstLine <= line && line <= node.lastLine);
}
