import type { WorkflowDiagnostic } from '../model/diagnostic.js';
import type { Workflow } from '../model/workflow.js';
import { parseWorkflow } from '../parse/parse-workflow.js';

/** Every diagnostic of a parsed workflow, sorted by position. */
export function validateWorkflow(workflow: Workflow): WorkflowDiagnostic[] {
  return workflow.syntaxProblems.map((problem) => ({
    code: 'DW001',
    severity: 'error',
    message: problem.message,
    range: workflow.source.rangeOf(problem.span),
  }));
}

/** Parse and validate a workflow's text. */
export function validateText(text: string): WorkflowDiagnostic[] {
  return validateWorkflow(parseWorkflow(text));
}
