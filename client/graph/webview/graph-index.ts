import type { GraphEdge } from '../../../protocol/graph-messages.js';

/** Who depends on whom, for hover highlighting and arrow-key moves. */
export class GraphIndex {
  private readonly upstream = new Map<string, string[]>();
  private readonly downstream = new Map<string, string[]>();

  constructor(edges: readonly GraphEdge[]) {
    for (const edge of edges) {
      push(this.upstream, edge.to, edge.from);
      push(this.downstream, edge.from, edge.to);
    }
  }

  /** Steps `id` depends on, directly. */
  dependencies(id: string): readonly string[] {
    return this.upstream.get(id) ?? [];
  }

  /** Steps that depend on `id`, directly. */
  dependents(id: string): readonly string[] {
    return this.downstream.get(id) ?? [];
  }

  /** `id`, every step it depends on and every step depending on it, directly or not. */
  lineage(id: string): Set<string> {
    const related = new Set([id]);
    for (const adjacency of [this.upstream, this.downstream]) {
      const stack = [id];
      const seen = new Set<string>([id]);
      for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
        for (const neighbour of adjacency.get(next) ?? []) {
          if (seen.has(neighbour)) continue;
          seen.add(neighbour);
          related.add(neighbour);
          stack.push(neighbour);
        }
      }
    }
    return related;
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
