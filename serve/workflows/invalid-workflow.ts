import type { WorkflowDiagnostic } from '../../core/model/diagnostic.js';
import { HttpProblem } from '../problem.js';
import type { CatalogWorkflow } from './workflow-catalog.js';

/** Diagnostics as the API shows them: those of `dagger-wf validate --format json` (0-based ranges, no `data`). */
export function diagnosticsAsJson(diagnostics: readonly WorkflowDiagnostic[]) {
  return diagnostics.map(({ code, severity, message, range }) => ({ code, severity, message, range }));
}

/** The 422 of executing a workflow with errors: its diagnostics in `errors`. */
export function invalidWorkflowProblem(
  workflow: CatalogWorkflow,
  diagnostics: readonly WorkflowDiagnostic[] = workflow.errors,
): HttpProblem {
  return new HttpProblem(
    422,
    'invalid-workflow',
    'Invalid workflow',
    `workflow "${workflow.id}" (${workflow.relativeFile}) has errors`,
    { errors: diagnosticsAsJson(diagnostics) },
  );
}
