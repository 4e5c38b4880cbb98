import type { WorkflowDiagnostic } from '../model/diagnostic.js';
import type { Workflow } from '../model/workflow.js';
import { validateWorkflow } from '../validate/validate-workflow.js';

/**
 * The errors that forbid running the workflow: exactly the validator's, so `dagger-wf validate`, the editor
 * and `run` say the same. What the runner itself relies on (a readable document, ids, known dependencies, no
 * cycle) comes from codes a `# dagger-ignore` comment cannot hide (core/validate/codes.ts); what else an
 * ignored error leaves wrong, the step meets when it starts. Warnings do not stop a run.
 */
export function checkRunnable(workflow: Workflow): WorkflowDiagnostic[] {
  return validateWorkflow(workflow).filter((diagnostic) => diagnostic.severity === 'error');
}
