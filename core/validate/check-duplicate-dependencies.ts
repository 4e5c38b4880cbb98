import type { Step } from '../model/workflow.js';
import { spanDiagnostic, type SpanDiagnostic } from './span-diagnostic.js';
import { stepLabel } from './step-label.js';

/** DW019 (warning): the same id twice in one `depends_on`, on the repeated entry. Step-local. */
export function checkDuplicateDependencies(step: Step): SpanDiagnostic[] {
  const seen = new Set<string>();
  const diagnostics: SpanDiagnostic[] = [];
  for (const entry of step.dependsOn?.items ?? []) {
    if (seen.has(entry.value)) {
      diagnostics.push(
        spanDiagnostic(
          'DW019',
          entry.span,
          `${stepLabel(step)} lists "${entry.value}" more than once in depends_on`,
          {
            stepId: entry.value,
          },
        ),
      );
    }
    seen.add(entry.value);
  }
  return diagnostics;
}
