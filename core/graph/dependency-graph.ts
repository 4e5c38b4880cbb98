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
  /** id -> its index in `ids`. */
  private readonly position = new Map<string, number>();

  constructor(steps: readonly Step[]) {
    for (const step of steps) {
      const id = step.id?.value;
      if (id === undefined || this.steps.has(id)) continue;
      this.position.set(id, this.ids.length);
      this.ids.push(id);
      this.steps.set(id, step);
      this.dependents.set(id, []);
    }
    for (const [id, step] of this.steps) {
      const deps: string[] = [];
      (step.dependsOn?.items ?? []).forEach((item, entryIndex) => {
        const to = item.value;
        const dependentsOfTo = this.dependents.get(to);
        if (dependentsOfTo === undefined || deps.includes(to)) return;
        deps.push(to);
        dependentsOfTo.push(id);
        this.edges.push({ from: id, to, entryIndex });
      });
      this.dependencies.set(id, deps);
    }
  }

  static of(workflow: Workflow): DependencyGraph {
    return new DependencyGraph(workflow.steps);
  }

  /** The ids `id` depends on directly (none for an id the graph does not know). */
  dependenciesOf(id: string): readonly string[] {
    return this.dependencies.get(id) ?? [];
  }

  /** The ids that depend on `id` directly (none for an id the graph does not know). */
  dependentsOf(id: string): readonly string[] {
    return this.dependents.get(id) ?? [];
  }

  /** A sort comparator: ids in the order their steps are declared (unknown ids first). */
  readonly byDeclarationOrder = (a: string, b: string): number =>
    (this.position.get(a) ?? -1) - (this.position.get(b) ?? -1);

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
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(adjacency.get(next) ?? []));
    }
    return seen;
  }
}
