import type { Range } from './source.js';

export type Severity = 'error' | 'warning' | 'info';

/** A problem in a workflow file, with a stable code (DW001…) and an exact 0-based range. */
export interface WorkflowDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Extra facts for quick fixes (e.g. the suggested id, the edge to remove). */
  data?: Record<string, unknown>;
}

/** `file:line:col - severity CODE: message`, tsc style, 1-based (docs/cli.md). */
export function formatDiagnosticLine(file: string, diagnostic: WorkflowDiagnostic): string {
  const { line, character } = diagnostic.range.start;
  return `${file}:${line + 1}:${character + 1} - ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`;
}
