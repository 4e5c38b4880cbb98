import type { DependencyGraph } from './dependency-graph.js';

/** A cycle: the steps of one strongly connected component, and a closed path through them. */
export interface Cycle {
  /** Members of the strongly connected component, in declaration order. */
  members: string[];
  /**
   * A closed walk that names the cycle, first id repeated at the end, in the direction `depends_on` is written:
   * each step depends on the next (`a → b → c → a`: a depends on b, b on c, c on a).
   */
  path: string[];
}

/**
 * `a → b → a (each step depends on the next)`: a cycle's path in words, the arrows saying which way (as
 * `depends_on` is written), for the DW013 diagnostic and the graph's tooltip alike.
 */
export function describeCycle(path: readonly string[]): string {
  return `${path.join(' → ')} (each step depends on the next)`;
}

/**
 * Strongly connected components with more than one step, or one step that depends on itself
 * (Tarjan's algorithm, iterative so 10,000-step chains do not overflow the stack).
 */
export function findCycles(graph: DependencyGraph): Cycle[] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const root of graph.ids) {
    if (index.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    lowLink.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const deps = graph.dependencies.get(frame.id)!;
      if (frame.next < deps.length) {
        const dep = deps[frame.next++];
        if (!index.has(dep)) {
          index.set(dep, counter);
          lowLink.set(dep, counter++);
          stack.push(dep);
          onStack.add(dep);
          work.push({ id: dep, next: 0 });
        } else if (onStack.has(dep)) {
          lowLink.set(frame.id, Math.min(lowLink.get(frame.id)!, index.get(dep)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].id;
        lowLink.set(parent, Math.min(lowLink.get(parent)!, lowLink.get(frame.id)!));
      }
      if (lowLink.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        components.push(component);
      }
    }
  }

  const order = new Map(graph.ids.map((id, i) => [id, i]));
  return components
    .filter((c) => c.length > 1 || graph.dependencies.get(c[0])!.includes(c[0]))
    .map((component) => {
      const members = [...component].sort((a, b) => order.get(a)! - order.get(b)!);
      return { members, path: cyclePath(graph, members) };
    })
    .sort((a, b) => order.get(a.members[0])! - order.get(b.members[0])!);
}

/**
 * The shortest closed path through a component from its first member, in the direction `depends_on` is
 * written (a step, then a step it depends on…), so it reads the way the user wrote the edges.
 */
function cyclePath(graph: DependencyGraph, members: string[]): string[] {
  const [start] = members;
  if (start === undefined) return [];
  return shortestDependencyWalk(graph, new Set(members), start, start) ?? [start, start];
}

/**
 * The shortest walk of at least one edge from `source` to `target` that follows `depends_on` (each step, then
 * one it depends on) and stays inside `members`: `[source, …, target]`, or undefined when there is none.
 */
export function shortestDependencyWalk(
  graph: DependencyGraph,
  members: ReadonlySet<string>,
  source: string,
  target: string,
): string[] | undefined {
  const previous = new Map<string, string>();
  const queue = [source];
  for (const current of queue) {
    for (const next of graph.dependencies.get(current) ?? []) {
      if (!members.has(next)) continue;
      if (next === target) return [...walkBack(previous, current), target];
      if (next !== source && !previous.has(next)) {
        previous.set(next, current);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** `[source, …, to]` from the breadth-first search's back links (the source itself has none). */
function walkBack(previous: ReadonlyMap<string, string>, to: string): string[] {
  const path = [to];
  for (let at = previous.get(to); at !== undefined; at = previous.get(at)) path.unshift(at);
  return path;
}
