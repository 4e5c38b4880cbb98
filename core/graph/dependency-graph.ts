import type { Step, Workflow } from '../model/workflow.js';

/** An edge `from → to` means `from` depends on `to`... */
export interface DependencyEdge {
  /** The step that declares the dependency. */
  from: string;
  /** The step it depends on. */
  to: string;
  /** The index of the entry in `from`'s depends_on list. */
  entryIndex: number;
}

/**
 * The graph of known step ids. Dependencies on unknown ids are left out (validation reports them),
 * so a typo upstream never creates a phantom cycle downstream. Duplicate ids keep their first step.
 */
export class DependencyGraph {
  readonly ids: string[] = [];
  readonly steps = new Map<string, Step>();
  /** id -> ids it depends on (known ids only, deduplicated, in declaration order). */
  readonly dependencies = new Map<string, string[]>();
  /** id -> ids that depend on it. */
  readonly dependents = new Map<string, string[]>();
  readonly edges: DependencyEdge[] = [];

  constructor(steps: readonly Step[]) {
    for (const step of steps) {
      const id = step.id?.value;
      if (id === undefined || this.steps.has(id)) continue;
      this.ids.push(id);
      this.steps.set(id, step);
      this.dependencies.set(id, []);
      this.dependents.set(id, []);
    }
    for (const id of this.ids) {
      const items = this.steps.get(id)?.dependsOn?.items ?? [];
      items.forEach((item, entryIndex) => {
        const to = item.value;
        const deps = this.dependencies.get(id)!;
        if (!this.steps.has(to) || deps.includes(to)) return;
        deps.push(to);
        this.dependents.get(to)!.push(id);
        this.edges.push({ from: id, to, entryIndex });
      });
    }
  }

  static of(workflow: Workflow): DependencyGraph {
    return new DependencyGraph(workflow.steps);
  }

  /** Every step `id` depends on, directly or not (excluding itself unless it is on a cycle). */
  transitiveDependencies(id: string): Set<string> {
    return this.reach(id, this.dependencies);
  }

  /** Every step that depends on `id`, directly or not. */
  transitiveDependents(id: string): Set<string> {
    return this.reach(id, this.dependents);
  }

  private reach(id: string, adjacency: Map<string, string[]>): Set<string> {
    const seen = new Set<string>();
    const stack = [...(adjacency.get(id) ?? [])];
    while (stack.length) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(adjacency.get(next) ?? []));
    }
    return seen;
  }
}
