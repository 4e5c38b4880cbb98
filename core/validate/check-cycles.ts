import type { DependencyGraph } from '../graph/dependency-graph.js';
import { describeCycle, findCycles, shortestDependencyWalk } from '../graph/find-cycles.js';
import { spanDiagnostic, type SpanDiagnostic } from './span-diagnostic.js';

/**
 * DW013: one diagnostic on each `depends_on` entry that is an edge inside a cycle (a strongly connected
 * component), naming a whole closed path through that edge. The path starts with the step that owns the entry
 * and reads the way `depends_on` is written (each step depends on the next), so the underlined entry is its
 * first arrow. A step that merely depends on a cycle is not in its component, so it gets nothing; unknown ids
 * are not in the graph, so a typo makes no cycle. Self-dependencies are DW012 and are skipped here.
 */
export function checkCycles(graph: DependencyGraph): SpanDiagnostic[] {
  const diagnostics: SpanDiagnostic[] = [];
  for (const cycle of findCycles(graph)) {
    const members = new Set(cycle.members);
    for (const from of cycle.members) {
      const seen = new Set<string>();
      for (const entry of graph.steps.get(from)?.dependsOn?.items ?? []) {
        const to = entry.value;
        if (to === from || !members.has(to) || seen.has(to)) continue;
        seen.add(to);
        const path = [from, ...(shortestDependencyWalk(graph, members, to, from) ?? [from])];
        diagnostics.push(
          spanDiagnostic('DW013', entry.span, `dependency cycle: ${describeCycle(path)}`, { from, to, path }),
        );
      }
    }
  }
  return diagnostics;
}
