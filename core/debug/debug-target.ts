import { effectiveStep } from '../model/effective-step.js';
import type { Workflow } from '../model/workflow.js';
import { DependencyGraph } from '../graph/dependency-graph.js';

/** What the debugger needs to know of a workflow's shape: the steps, their dependencies, the failures allowed. */
export interface DebugTarget {
  stepIds: readonly string[];
  /** Steps that may fail without failing the run: the `failed` filter does not stop on them. */
  allowFailure: ReadonlySet<string>;
  /** Every step `stepId` depends on, directly or not. */
  dependenciesOf(stepId: string): Set<string>;
  /** Every step that depends on `stepId`, directly or not. */
  dependentsOf(stepId: string): Set<string>;
  /** The steps `stepId` depends on directly. */
  directDependenciesOf(stepId: string): readonly string[];
}

/** The debug target of a parsed workflow. */
export function debugTargetOf(workflow: Workflow): DebugTarget {
  const graph = DependencyGraph.of(workflow);
  const allowFailure = new Set(
    graph.ids.filter((id) => {
      const step = graph.steps.get(id);
      return step !== undefined && effectiveStep(step, workflow.containerConfig).allowFailure;
    }),
  );
  return {
    stepIds: graph.ids,
    allowFailure,
    dependenciesOf: (stepId) => graph.transitiveDependencies(stepId),
    dependentsOf: (stepId) => graph.transitiveDependents(stepId),
    directDependenciesOf: (stepId) => graph.dependencies.get(stepId) ?? [],
  };
}
