import type { SourceText } from '../parse/source-text.js';
import type { Step } from '../model/workflow.js';
import { spanDiagnostic, type SpanDiagnostic } from './span-diagnostic.js';

/** DW010: a step id used again; reported on every later use, pointing back at the first. */
export function checkDuplicateIds(steps: readonly Step[], source: SourceText): SpanDiagnostic[] {
  const first = new Map<string, NonNullable<Step['id']>>(); // each id's first use
  const diagnostics: SpanDiagnostic[] = [];
  for (const step of steps) {
    if (!step.id) continue;
    const earlier = first.get(step.id.value);
    if (!earlier) {
      first.set(step.id.value, step.id);
      continue;
    }
    const line = source.positionAt(earlier.span.start).line + 1;
    diagnostics.push(
      spanDiagnostic(
        'DW010',
        step.id.span,
        `duplicate step id "${step.id.value}" (first used on line ${line})`,
        {
          stepId: step.id.value,
        },
      ),
    );
  }
  return diagnostics;
}
