import type { WorkflowDiagnostic } from '../core/model/diagnostic.js';

/** `file:line:col - severity CODE: message`, tsc style, 1-based (docs/cli.md). */
export function formatDiagnosticLine(file: string, diagnostic: WorkflowDiagnostic): string {
  const { line, character } = diagnostic.range.start;
  return `${file}:${line + 1}:${character + 1} - ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`;
}

/** The JSON shape of `validate --format json`: ranges stay 0-based, `data` is left out. */
export function diagnosticsAsJson(file: string, diagnostics: readonly WorkflowDiagnostic[]) {
  return {
    file,
    diagnostics: diagnostics.map(({ code, severity, message, range }) => ({
      code,
      severity,
      message,
      range,
    })),
  };
}

/** `2 errors, 1 warning in 3 files`. */
export function formatSummary(errors: number, warnings: number, files: number): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}`;
}
