import type { Span } from '../../core/model/source.js';
import type { Workflow } from '../../core/model/workflow.js';
import type { WorkflowSteps } from '../../protocol/workflow-steps-messages.js';

/** The steps of a workflow for the client's CodeLenses and run views (`daggerWorkflows/steps`). */
export function workflowSteps(workflow: Workflow, version: number | null): WorkflowSteps {
  const { source } = workflow;
  // A node's span runs on to the start of the next line; a range should end with its last character.
  const trimmed = (span: Span): Span => {
    let end = span.end;
    while (end > span.start && /\s/.test(source.text[end - 1] ?? '')) end--;
    return { start: span.start, end };
  };
  return {
    version,
    stepsKeyRange: workflow.stepsKeySpan && source.rangeOf(workflow.stepsKeySpan),
    steps: workflow.steps.map((step) => ({
      id: step.id?.value,
      name: step.name?.value,
      index: step.index,
      range: source.rangeOf(trimmed(step.span)),
      idRange: step.id && source.rangeOf(step.id.span),
      dependsOn: step.dependsOn?.items.map((item) => item.value) ?? [],
    })),
  };
}
