import type { WorkflowDiagnostic } from '../model/diagnostic.js';
import { effectiveStep } from '../model/effective-step.js';
import type { Span } from '../model/source.js';
import type { Workflow } from '../model/workflow.js';
import { DependencyGraph } from '../graph/dependency-graph.js';
import { findCycles } from '../graph/find-cycles.js';
import { validateWorkflow } from '../validate/validate-workflow.js';

/**
 * The errors that forbid running the workflow: the validator's, and — as a backstop for the few facts the
 * runner itself relies on (ids, known dependencies, no cycle, an image per step) — its own, in case a
 * validator version lets one through. Warnings do not stop a run.
 */
export function checkRunnable(workflow: Workflow): WorkflowDiagnostic[] {
  const errors = validateWorkflow(workflow).filter((diagnostic) => diagnostic.severity === 'error');
  return errors.length ? errors : runnerPreconditions(workflow);
}

function runnerPreconditions(workflow: Workflow): WorkflowDiagnostic[] {
  const problems: WorkflowDiagnostic[] = [];
  const add = (code: string, span: Span, message: string) =>
    problems.push({ code, severity: 'error', message, range: workflow.source.rangeOf(span) });
  if (workflow.steps.length === 0)
    add('DW003', workflow.stepsKeySpan ?? { start: 0, end: 0 }, 'the workflow has no steps');
  const seen = new Set<string>();
  // A set, not a search per dependency: 2,000 steps with 3 dependencies each made this quadratic.
  const ids = new Set(workflow.steps.flatMap((step) => step.id?.value ?? []));
  for (const step of workflow.steps) {
    if (!step.id) add('DW003', step.span, `step ${step.index + 1} has no id`);
    else if (seen.has(step.id.value)) add('DW010', step.id.span, `duplicate step id "${step.id.value}"`);
    else seen.add(step.id.value);
    for (const dependency of step.dependsOn?.items ?? []) {
      if (!ids.has(dependency.value)) {
        add(
          'DW011',
          dependency.span,
          `step "${step.id?.value}" depends on unknown step "${dependency.value}"`,
        );
      }
    }
    if (!effectiveStep(step, workflow.containerConfig).image) {
      add('DW014', step.id?.span ?? step.span, `step "${step.id?.value}" has no image`);
    }
  }
  const graph = DependencyGraph.of(workflow);
  for (const cycle of findCycles(graph)) {
    const first = graph.steps.get(cycle.members[0]);
    if (first?.id) add('DW013', first.id.span, `dependency cycle ${cycle.path.join(' → ')}`);
  }
  return problems;
}
