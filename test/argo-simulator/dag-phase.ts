import type { NodePhase } from './argo-expressions.js';
import { dependsTasks } from './argo-expressions.js';

/**
 * The phase of a finished DAG as Argo's controller assesses it (workflow/controller/dag.go, assessDAGPhase):
 * walk the node graph from the root tasks carrying a branch phase, which a completed task (Succeeded, Failed,
 * Error) replaces and a Skipped or Omitted one inherits; a target task (one nothing depends on) that ends on a
 * Failed or Error branch fails the DAG (a failure wins over a success on another path). Tasks with `continueOn`
 * are not simulated (the exporter never writes it).
 */
export function assessDagPhase(
  tasks: readonly { name: string; depends?: string }[],
  nodes: ReadonlyMap<string, { phase: NodePhase }>,
): 'Succeeded' | 'Failed' | 'Error' {
  const children = new Map<string, string[]>(tasks.map((task) => [task.name, []]));
  const roots: string[] = [];
  for (const task of tasks) {
    const parents = task.depends === undefined ? [] : dependsTasks(task.depends);
    if (parents.length === 0) roots.push(task.name);
    for (const parent of parents) children.get(parent)?.push(task.name);
  }
  const targets = new Set(
    tasks.filter((task) => children.get(task.name)?.length === 0).map((task) => task.name),
  );
  const targetPhase = new Map<string, NodePhase>();
  const seen = new Set<string>();
  const queue: [string, NodePhase][] = roots.map((name) => [name, 'Succeeded']);
  while (queue.length) {
    const [name, inherited] = queue.shift() ?? ['', 'Succeeded'];
    const key = `${name}/${inherited}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const phase = nodes.get(name)?.phase;
    if (phase === undefined || phase === 'Running' || phase === 'Pending')
      throw new Error(`task ${name} did not finish`);
    const branch = phase === 'Succeeded' || phase === 'Failed' || phase === 'Error' ? phase : inherited;
    if (targets.has(name)) {
      const previous = targetPhase.get(name);
      if (previous !== 'Failed' && previous !== 'Error') targetPhase.set(name, branch);
    }
    for (const child of children.get(name) ?? []) queue.push([child, branch]);
  }
  for (const target of targets) {
    const phase = targetPhase.get(target);
    if (phase === 'Failed' || phase === 'Error') return phase;
  }
  return 'Succeeded';
}
