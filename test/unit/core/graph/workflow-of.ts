import { DependencyGraph } from '../../../../core/graph/dependency-graph.js';
import type { Span } from '../../../../core/model/source.js';
import type { Step } from '../../../../core/model/workflow.js';

/**
 * A graph from `id: dependencies` entries, e.g. `graphOf({ b: ['a'], a: [] })` (declaration order kept).
 * The steps are built directly, not parsed: the graph code reads only ids and depends_on, and parsing a
 * 10,000-step document would be most of the time of the tests that prove the graph code scales.
 */
export function graphOf(dependencies: Record<string, string[]>): DependencyGraph {
  const nowhere: Span = { start: 0, end: 0 };
  const steps = Object.entries(dependencies).map(([id, deps], index): Step => ({
    index,
    span: nowhere,
    id: { value: id, span: nowhere },
    dependsOn: {
      span: nowhere,
      keySpan: nowhere,
      flow: true,
      items: deps.map((value) => ({ value, span: nowhere })),
    },
  }));
  return new DependencyGraph(steps);
}
