import type { WorkflowDiagnostic } from '../model/diagnostic.js';
import type { Span } from '../model/source.js';
import type { SourceText } from '../parse/source-text.js';
import { severityOf, type DiagnosticCode } from './codes.js';

/**
 * A diagnostic before it is turned into line/character positions. Checks produce these: offsets are cheap,
 * and a cache of one step's diagnostics can be shifted by an offset delta when text above it changes.
 */
export interface SpanDiagnostic {
  code: DiagnosticCode;
  message: string;
  span: Span;
  data?: Record<string, unknown>;
}

export function spanDiagnostic(
  code: DiagnosticCode,
  span: Span,
  message: string,
  data?: Record<string, unknown>,
): SpanDiagnostic {
  return data ? { code, span, message, data } : { code, span, message };
}

/**
 * The LSP-style diagnostic (0-based range, severity from the code table). Trailing line breaks and spaces are
 * cut from the span: a block mapping's node runs up to the next line, the underline should not.
 */
export function toWorkflowDiagnostic(source: SourceText, diagnostic: SpanDiagnostic): WorkflowDiagnostic {
  const { start } = diagnostic.span;
  let end = diagnostic.span.end;
  while (end > start && isSpace(source.text.charCodeAt(end - 1))) end--;
  const result: WorkflowDiagnostic = {
    code: diagnostic.code,
    severity: severityOf(diagnostic.code),
    message: diagnostic.message,
    range: source.rangeOf({ start, end }),
  };
  if (diagnostic.data) result.data = diagnostic.data;
  return result;
}

/** Order by start offset, then end, then code: stable output for golden files and editors. */
export function compareSpanDiagnostics(a: SpanDiagnostic, b: SpanDiagnostic): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
