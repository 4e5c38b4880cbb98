import type { Workflow } from '../../core/model/workflow.js';
import { DependencyGraph } from '../../core/graph/dependency-graph.js';
import { topologicalOrder } from '../../core/graph/plan.js';

/**
 * The steps a run will show, in topological order: all of them, or (Run Step) the asked steps with
 * everything they depend on, directly or not.
 */
export function plannedSteps(workflow: Workflow, onlySteps?: readonly string[]): string[] {
  const graph = DependencyGraph.of(workflow);
  const order = topologicalOrder(graph);
  if (!onlySteps) return order;
  const wanted = new Set<string>();
  for (const id of onlySteps) {
    wanted.add(id);
    for (const dependency of graph.transitiveDependencies(id)) wanted.add(dependency);
  }
  return order.filter((id) => wanted.has(id));
}

/** The workflow's display name: its `name:`, or the file name without `.dagger.yaml`. */
export function workflowDisplayName(workflow: Workflow, workflowFile: string): string {
  const name = workflow.name?.value?.trim();
  if (name) return name;
  const base = workflowFile.split(/[\\/]/).pop() ?? workflowFile;
  return base.replace(/(\.dagger)?\.ya?ml$/, '');
}
