import type { Span } from '../model/source.js';
import type { Step } from '../model/workflow.js';

/** `step "build"`, or `step 3` when the step has no id yet. */
export function stepLabel(step: Step): string {
  return step.id?.value ? `step "${step.id.value}"` : `step ${step.index + 1}`;
}

/** Where to report a problem about a step as a whole: its id, else the start of its first line. */
export function stepAnchor(step: Step, text: string): Span {
  if (step.id) return step.id.span;
  const lineEnd = text.indexOf('\n', step.span.start);
  const end = lineEnd === -1 ? step.span.end : Math.min(step.span.end, lineEnd);
  return { start: step.span.start, end: Math.max(end, step.span.start) };
}
