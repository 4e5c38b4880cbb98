import type { SourceText } from '../parse/source-text.js';
import type { SpanDiagnostic } from './span-diagnostic.js';

const IGNORE_COMMENT = /^\s*#\s*dagger-ignore\s+(DW\d{3}(?:\s*,\s*DW\d{3})*)(?:\s.*)?$/;

/**
 * Drop diagnostics suppressed by a comment line `# dagger-ignore DW011[, DW013]` directly above the line
 * where the diagnostic starts.
 */
export function applySuppressions(
  diagnostics: readonly SpanDiagnostic[],
  source: SourceText,
): SpanDiagnostic[] {
  if (!source.text.includes('dagger-ignore')) return [...diagnostics];
  const codesByLine = new Map<number, Set<string> | undefined>();
  return diagnostics.filter((diagnostic) => {
    const line = source.positionAt(diagnostic.span.start).line - 1;
    if (line < 0) return true;
    if (!codesByLine.has(line)) codesByLine.set(line, ignoredCodes(source.lineText(line)));
    return !codesByLine.get(line)?.has(diagnostic.code);
  });
}

function ignoredCodes(line: string): Set<string> | undefined {
  const match = IGNORE_COMMENT.exec(line);
  return match ? new Set(match[1].split(',').map((code) => code.trim())) : undefined;
}
