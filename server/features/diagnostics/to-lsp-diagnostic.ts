import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Severity, WorkflowDiagnostic } from '../../../core/model/diagnostic.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Source of every diagnostic this server publishes (the quick fixes look for it). */
export const DIAGNOSTIC_SOURCE = 'dagger-wf';

/** A core diagnostic as an LSP one; `data` travels along so code actions need no re-validation. */
export function toLspDiagnostic(diagnostic: WorkflowDiagnostic): Diagnostic {
  const result: Diagnostic = {
    range: diagnostic.range,
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.code,
    source: DIAGNOSTIC_SOURCE,
    message: diagnostic.message,
  };
  if (diagnostic.data) result.data = diagnostic.data;
  return result;
}
