import type { WorkflowReference } from '../interpolate/list-references.js';
import { spanDiagnostic, type SpanDiagnostic } from './span-diagnostic.js';

/** DW020: a `${…}` that is not one of the accepted forms, or is never closed; on the `${…}` itself. */
export function checkInterpolationSyntax(references: readonly WorkflowReference[]): SpanDiagnostic[] {
  const diagnostics: SpanDiagnostic[] = [];
  for (const { reference, span, expression, closed } of references) {
    const written = closed ? `\${${expression}}` : `\${${expression}`;
    if (reference.kind === 'malformed') {
      diagnostics.push(
        spanDiagnostic('DW020', span, `malformed interpolation "${written}": ${reference.reason}`),
      );
    } else if (reference.kind === 'partial') {
      diagnostics.push(spanDiagnostic('DW020', span, `unclosed interpolation "${written}": missing "}"`));
    }
  }
  return diagnostics;
}
