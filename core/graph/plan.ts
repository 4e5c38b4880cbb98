import type { DependencyGraph } from './dependency-graph.js';

/**
 * Kahn's topological order over the acyclic part of the graph; steps on or behind a cycle are left out.
 * Ties keep declaration order, so the result is stable for tree views and printing.
 */
export function topologicalOrder(graph: DependencyGraph): string[] {
  const remaining = new Map(graph.ids.map((id) => [id, graph.dependenciesOf(id).length]));
  const order: string[] = [];
  let ready = graph.ids.filter((id) => remaining.get(id) === 0);
  while (ready.length) {
    const next: string[] = [];
    for (const id of ready) {
      order.push(id);
      for (const dependent of graph.dependentsOf(id)) {
        const left = (remaining.get(dependent) ?? 0) - 1;
        remaining.set(dependent, left);
        if (left === 0) next.push(dependent);
      }
    }
    ready = next.sort(graph.byDeclarationOrder);
  }
  return order;
}

/** Level of each step: 0 with no dependencies, else 1 + the highest level among them. */
export function levels(graph: DependencyGraph): Map<string, number> {
  const level = new Map<string, number>();
  for (const id of topologicalOrder(graph)) {
    // Topological order puts every dependency's level in the map before its dependents are reached.
    const deps = graph.dependenciesOf(id);
    level.set(id, deps.length ? Math.max(...deps.map((d) => level.get(d) ?? 0)) + 1 : 0);
  }
  return level;
}

/**
 * The longest path through the graph, weighting each step by `duration(id)` (default 1):
 * the makespan an ideal scheduler with unbounded parallelism would reach.
 */
export function criticalPath(
  graph: DependencyGraph,
  duration: (id: string) => number = () => 1,
): { path: string[]; length: number } {
  const finish = new Map<string, number>();
  const via = new Map<string, string | undefined>();
  let last: { id: string; finish: number } | undefined;
  for (const id of topologicalOrder(graph)) {
    let best = 0;
    let bestDep: string | undefined;
    for (const dep of graph.dependenciesOf(id)) {
      const depFinish = finish.get(dep) ?? 0;
      if (depFinish > best) {
        best = depFinish;
        bestDep = dep;
      }
    }
    const idFinish = best + duration(id);
    finish.set(id, idFinish);
    via.set(id, bestDep);
    if (last === undefined || idFinish > last.finish) last = { id, finish: idFinish };
  }
  const path: string[] = [];
  for (let at = last?.id; at !== undefined; at = via.get(at)) path.unshift(at);
  return { path, length: last?.finish ?? 0 };
}
