import type { DependencyGraph } from '../graph/dependency-graph.js';
import { topologicalOrder } from '../graph/plan.js';
import type { WorkflowReference } from '../interpolate/list-references.js';
import type { Step, Workflow } from '../model/workflow.js';
import { closestMatch, didYouMean } from './did-you-mean.js';
import { spanDiagnostic, type SpanDiagnostic } from './span-diagnostic.js';
import { stepLabel } from './step-label.js';

/**
 * DW021 (`${steps.X…}` with no step X), DW022 (X is not a transitive dependency of the step using it) and
 * DW023 (`${inputs.x}` not declared while `inputs:` exists), on the `${…}`. Workflow outputs may use any step.
 */
export function checkReferences(
  references: readonly WorkflowReference[],
  workflow: Workflow,
  graph: DependencyGraph,
): SpanDiagnostic[] {
  const declaredInputs = workflow.inputs
    ? new Set(workflow.inputs.map((input) => input.name.value))
    : undefined;
  const reach = new DependencyReach(graph);
  const diagnostics: SpanDiagnostic[] = [];
  const stepSuggestions = new Map<string, string | undefined>(); // once per unknown id, not per reference
  for (const ref of references) {
    const { reference, span } = ref;
    if (reference.kind === 'input' && declaredInputs && !declaredInputs.has(reference.name)) {
      const suggestion = closestMatch(reference.name, declaredInputs);
      const message = `input "${reference.name}" is not declared in inputs${didYouMean(suggestion)}`;
      diagnostics.push(
        spanDiagnostic(
          'DW023',
          span,
          message,
          suggestion === undefined ? { input: reference.name } : { input: reference.name, suggestion },
        ),
      );
    }
    if (reference.kind !== 'step-output') continue;
    const target = reference.stepId;
    if (!graph.steps.has(target)) {
      if (!stepSuggestions.has(target)) stepSuggestions.set(target, closestMatch(target, graph.ids));
      const suggestion = stepSuggestions.get(target);
      const message = `"\${${ref.expression}}" refers to unknown step "${target}"${didYouMean(suggestion)}`;
      diagnostics.push(
        spanDiagnostic(
          'DW021',
          span,
          message,
          suggestion === undefined ? { stepId: target } : { stepId: target, suggestion },
        ),
      );
      continue;
    }
    const site = ref.site;
    if (site.scope === 'container_config') {
      const message = `container_config cannot use the output of step "${target}": its settings apply to every step, "${target}" included`;
      diagnostics.push(spanDiagnostic('DW022', span, message, { stepId: target }));
    } else if (site.scope === 'step' && !reach.dependsOn(site.step, target)) {
      const message =
        site.step.id?.value === target
          ? `${stepLabel(site.step)} cannot use its own output`
          : `${stepLabel(site.step)} uses the output of step "${target}" but does not depend on it (add "${target}" to depends_on)`;
      diagnostics.push(spanDiagnostic('DW022', span, message, { stepId: target }));
    }
  }
  return diagnostics;
}

/**
 * "Does this step depend on X, directly or not?" Direct dependencies answer most questions at once. The rest
 * are answered from ancestor bit sets, built once (in topological order, one OR of bit rows per edge) on the
 * first question that needs them, so many transitive references in a large workflow stay cheap. Steps on or
 * behind a cycle, and steps outside the graph (duplicates, no id), fall back to a depth-first search.
 */
class DependencyReach {
  private readonly stamp = new Map<string, number>();
  private search = 0;
  private ancestors?: { index: Map<string, number>; rows: Map<string, Uint32Array> };

  constructor(private readonly graph: DependencyGraph) {}

  dependsOn(step: Step, target: string): boolean {
    const ownId = step.id?.value;
    if (ownId === target) return false;
    // The graph holds the first step of each id; any other step (a duplicate, one without id) has its own list.
    const inGraph = ownId !== undefined && this.graph.steps.get(ownId) === step;
    const direct = inGraph
      ? this.graph.dependenciesOf(ownId)
      : (step.dependsOn?.items ?? []).map((item) => item.value).filter((id) => this.graph.steps.has(id));
    if (direct.includes(target)) return true;
    if (inGraph) {
      const ancestors = this.ancestorRows();
      const row = ancestors.rows.get(ownId);
      const bit = ancestors.index.get(target);
      if (row && bit !== undefined) return hasBit(row, bit);
    }
    return this.searchFrom(direct, target);
  }

  private ancestorRows(): { index: Map<string, number>; rows: Map<string, Uint32Array> } {
    if (this.ancestors) return this.ancestors;
    const index = new Map(this.graph.ids.map((id, i) => [id, i]));
    const words = Math.ceil(this.graph.ids.length / 32);
    const rows = new Map<string, Uint32Array>();
    for (const id of topologicalOrder(this.graph)) {
      const row = new Uint32Array(words);
      // Topological order: every dependency has its index and its row by now.
      for (const dependency of this.graph.dependenciesOf(id)) {
        const bit = index.get(dependency);
        if (bit !== undefined) setBit(row, bit);
        const inherited = rows.get(dependency);
        if (inherited) inherited.forEach((bits, word) => (row[word] = (row[word] ?? 0) | bits));
      }
      rows.set(id, row);
    }
    this.ancestors = { index, rows };
    return this.ancestors;
  }

  private searchFrom(start: readonly string[], target: string): boolean {
    this.search++;
    const stack = [...start];
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      if (id === target) return true;
      if (this.stamp.get(id) === this.search) continue;
      this.stamp.set(id, this.search);
      stack.push(...this.graph.dependenciesOf(id));
    }
    return false;
  }
}

/** Whether `bit` is set in a bit set stored as 32-bit words. */
function hasBit(row: Uint32Array, bit: number): boolean {
  return ((row[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0;
}

/** Sets `bit` in a bit set stored as 32-bit words. */
function setBit(row: Uint32Array, bit: number): void {
  const word = bit >>> 5;
  row[word] = (row[word] ?? 0) | (1 << (bit & 31));
}
