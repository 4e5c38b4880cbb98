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
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  // One frame per step being visited: its Tarjan index and low link live here while it is on the work stack.
  const enter = (id: string): TarjanFrame => {
    index.set(id, counter);
    stack.push(id);
    onStack.add(id);
    return { id, next: 0, index: counter, lowLink: counter++ };
  };

  for (const root of graph.ids) {
    if (index.has(root)) continue;
    const work = [enter(root)];
    for (let frame = work.at(-1); frame !== undefined; frame = work.at(-1)) {
      const dep = graph.dependenciesOf(frame.id)[frame.next];
      if (dep !== undefined) {
        frame.next++;
        const depIndex = index.get(dep);
        if (depIndex === undefined) work.push(enter(dep));
        else if (onStack.has(dep)) frame.lowLink = Math.min(frame.lowLink, depIndex);
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) parent.lowLink = Math.min(parent.lowLink, frame.lowLink);
      if (frame.lowLink === frame.index) components.push(popComponent(stack, onStack, frame.id));
    }
  }

  const firstMember = (cycle: Cycle): string => cycle.members[0] ?? '';
  return components
    .filter(
      ([first, ...rest]) =>
        rest.length > 0 || (first !== undefined && graph.dependenciesOf(first).includes(first)),
    )
    .map((component) => {
      const members = [...component].sort(graph.byDeclarationOrder);
      return { members, path: cyclePath(graph, members) };
    })
    .sort((a, b) => graph.byDeclarationOrder(firstMember(a), firstMember(b)));
}

/** A step on Tarjan's work stack: the next dependency to look at, its index and its low link. */
interface TarjanFrame {
  id: string;
  next: number;
  index: number;
  lowLink: number;
}

/** Pops a strongly connected component off Tarjan's stack, down to and including its root. */
function popComponent(stack: string[], onStack: Set<string>, root: string): string[] {
  const component: string[] = [];
  for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
    onStack.delete(member);
    component.push(member);
    if (member === root) break;
  }
  return component;
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
