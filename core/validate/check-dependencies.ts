import type { Step } from '../model/workflow.js';
import { closestMatch, didYouMean } from './did-you-mean.js';
import { spanDiagnostic, type SpanDiagnostic } from './span-diagnostic.js';
import { stepLabel } from './step-label.js';

/**
 * DW011 (unknown step, with a did-you-mean among the other ids) and DW012 (a step that depends on itself),
 * on the offending `depends_on` entry.
 */
export function checkDependencies(steps: readonly Step[], ids: ReadonlySet<string>): SpanDiagnostic[] {
  const diagnostics: SpanDiagnostic[] = [];
  // A renamed step leaves many entries naming the same old id: look for a suggestion once per unknown id.
  const suggestions = new Map<string, string | undefined>();
  const suggest = (unknownId: string, ownId: string | undefined) => {
    if (!suggestions.has(unknownId)) suggestions.set(unknownId, closestMatch(unknownId, ids));
    const suggestion = suggestions.get(unknownId);
    return suggestion !== undefined && suggestion === ownId
      ? closestMatch(unknownId, otherIds(ids, ownId))
      : suggestion;
  };
  for (const step of steps) {
    const ownId = step.id?.value;
    for (const entry of step.dependsOn?.items ?? []) {
      if (entry.value === ownId) {
        diagnostics.push(
          spanDiagnostic('DW012', entry.span, `${stepLabel(step)} depends on itself`, { stepId: ownId }),
        );
      } else if (!ids.has(entry.value)) {
        const suggestion = suggest(entry.value, ownId);
        const data: Record<string, unknown> = { unknownId: entry.value };
        if (suggestion !== undefined) data.suggestion = suggestion;
        const message = `${stepLabel(step)} depends on unknown step "${entry.value}"${didYouMean(suggestion)}`;
        diagnostics.push(spanDiagnostic('DW011', entry.span, message, data));
      }
    }
  }
  return diagnostics;
}

function* otherIds(ids: ReadonlySet<string>, ownId: string | undefined): Iterable<string> {
  for (const id of ids) if (id !== ownId) yield id;
}
