import { DependencyGraph } from '../../../core/graph/dependency-graph.js';
import { parseWorkflow } from '../../../core/parse/parse-workflow.js';

/** A graph from `id: dependencies` lines, e.g. `graphOf({ b: ['a'], a: [] })` (declaration order kept). */
export function graphOf(dependencies: Record<string, string[]>): DependencyGraph {
  const lines = ['steps:'];
  for (const [id, deps] of Object.entries(dependencies)) {
    lines.push(`  - id: ${id}`, '    image: alpine:3.19', `    depends_on: [${deps.join(', ')}]`);
  }
  return DependencyGraph.of(parseWorkflow(lines.join('\n')));
}
