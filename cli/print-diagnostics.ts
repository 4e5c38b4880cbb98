import type { WorkflowDiagnostic } from '../core/model/diagnostic.js';

// Shared with the editor's one-line messages, so both word a problem alike.
export { formatDiagnosticLine } from '../core/model/diagnostic.js';

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
