import type { DependencyGraph } from '../graph/dependency-graph.js';
import { findCycles, type Cycle } from '../graph/find-cycles.js';
import { spanDiagnostic, type SpanDiagnostic } from './span-diagnostic.js';

/**
 * DW013: one diagnostic on each `depends_on` entry that is an edge inside a cycle (a strongly connected
 * component), naming a whole closed path through that edge. A step that merely depends on a cycle is not
 * in its component, so it gets nothing; unknown ids are not in the graph, so a typo makes no cycle.
 * Self-dependencies are DW012 and are skipped here.
 */
export function checkCycles(graph: DependencyGraph): SpanDiagnostic[] {
  const diagnostics: SpanDiagnostic[] = [];
  for (const cycle of findCycles(graph)) {
    const members = new Set(cycle.members);
    const onPath = pathEdges(cycle);
    for (const from of cycle.members) {
      const step = graph.steps.get(from)!;
      const seen = new Set<string>();
      for (const entry of step.dependsOn?.items ?? []) {
        const to = entry.value;
        if (to === from || !members.has(to) || seen.has(to)) continue;
        seen.add(to);
        const path = onPath.has(edgeKey(to, from)) ? cycle.path : pathThroughEdge(graph, members, from, to);
        diagnostics.push(
          spanDiagnostic(
            'DW013',
            entry.span,
            `dependency cycle: ${path.join(' → ')} (step "${from}" depends on "${to}")`,
            { from, to, path },
          ),
        );
      }
    }
  }
  return diagnostics;
}

/** Consecutive pairs of the cycle's path, in run order (`a → b`: b depends on a). */
function pathEdges(cycle: Cycle): Set<string> {
  const edges = new Set<string>();
  for (let i = 0; i + 1 < cycle.path.length; i++) edges.add(edgeKey(cycle.path[i], cycle.path[i + 1]));
  return edges;
}

function edgeKey(before: string, after: string): string {
  return `${before}\u0000${after}`;
}

/**
 * A shortest closed path in run order that uses the edge "`from` depends on `to`": `to → from → … → to`
 * (only needed for edges off the component's own path, in components richer than one simple cycle).
 */
function pathThroughEdge(
  graph: DependencyGraph,
  members: ReadonlySet<string>,
  from: string,
  to: string,
): string[] {
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head];
    if (current === to) break;
    for (const next of graph.dependents.get(current) ?? []) {
      if (!members.has(next) || previous.has(next)) continue;
      previous.set(next, current);
      queue.push(next);
    }
  }
  const walk = [to];
  for (let at = to; at !== from;) {
    at = previous.get(at)!;
    walk.unshift(at);
  }
  return [to, ...walk];
}
