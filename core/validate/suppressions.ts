import type { SourceText } from '../parse/source-text.js';
import { canBeIgnored } from './codes.js';
import type { SpanDiagnostic } from './span-diagnostic.js';

const IGNORE_COMMENT = /^\s*#\s*dagger-ignore\s+(DW\d{3}(?:\s*,\s*DW\d{3})*)(?:\s.*)?$/;

/**
 * Drop diagnostics suppressed by a comment line `# dagger-ignore DW019[, DW022]` directly above the line
 * where the diagnostic starts, except those no run could get past (`canBeIgnored`). Also drop any other diagnostic that starts on a line of a YAML syntax error
 * (DW001): what the parser recovered there is a guess, and checks on it only add noise.
 */
export function applySuppressions(
  diagnostics: readonly SpanDiagnostic[],
  source: SourceText,
): SpanDiagnostic[] {
  const brokenLines = syntaxErrorLines(diagnostics, source);
  const hasComments = source.text.includes('dagger-ignore');
  if (!hasComments && brokenLines.size === 0) return [...diagnostics];
  const codesByLine = new Map<number, Set<string> | undefined>();
  return diagnostics.filter((diagnostic) => {
    const line = source.positionAt(diagnostic.span.start).line;
    if (diagnostic.code !== 'DW001' && brokenLines.has(line)) return false;
    if (!hasComments || line === 0 || !canBeIgnored(diagnostic.code)) return true;
    if (!codesByLine.has(line - 1)) codesByLine.set(line - 1, ignoredCodes(source.lineText(line - 1)));
    return !codesByLine.get(line - 1)?.has(diagnostic.code);
  });
}

function syntaxErrorLines(diagnostics: readonly SpanDiagnostic[], source: SourceText): Set<number> {
  const lines = new Set<number>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.code !== 'DW001') continue;
    const last = source.positionAt(diagnostic.span.end).line;
    for (let line = source.positionAt(diagnostic.span.start).line; line <= last; line++) lines.add(line);
  }
  return lines;
}

function ignoredCodes(line: string): Set<string> | undefined {
  const [, codes] = IGNORE_COMMENT.exec(line) ?? [];
  return codes === undefined ? undefined : new Set(codes.split(',').map((code) => code.trim()));
}
