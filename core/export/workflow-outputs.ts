import type { Workflow } from '../model/workflow.js';
import type { Parameter } from './argo-types.js';
import { PARAMETER_NAME } from './argo-names.js';
import { splitValue, type TextPiece } from './argo-text.js';
import { taskOf, type ExportContext } from './export-context.js';

/** Workflow outputs that are computed by the DAG itself, and the workflow parameters they read. */
export interface DagOutputs {
  outputs: Parameter[];
  /** Inputs the entrypoint DAG must declare (Argo passes the workflow's arguments to it). */
  inputs: string[];
}

/**
 * Workflow `outputs` as Argo global outputs (`status.outputs.parameters`). An output that is exactly one step
 * output becomes `globalName` on that step's parameter, so it is set as soon as the step succeeds, even when
 * the run fails later (as in a run). Any other value (text around it, several steps, inputs) is an expression
 * of the DAG template, which Argo evaluates when the whole DAG has succeeded.
 */
export function workflowOutputs(workflow: Workflow, context: ExportContext): DagOutputs {
  const outputs: Parameter[] = [];
  const inputs = new Set<string>();
  const seen = new Set<string>();
  for (const output of workflow.outputs) {
    const name = output.name?.value;
    if (name === undefined || !output.value) continue;
    if (!PARAMETER_NAME.test(name)) {
      context.problems.push(
        `workflow output "${name}": Argo output names are letters, digits, "-" and "_" only`,
      );
      continue;
    }
    if (seen.has(name)) {
      context.problems.push(`two workflow outputs are named "${name}"`);
      continue;
    }
    seen.add(name);
    const pieces = splitValue(output.value.value, context);
    const only = pieces.length === 1 ? pieces[0] : undefined;
    if (only?.kind === 'step-output') {
      context.uses.useAsWorkflowOutput(only.stepId, only.key, name);
      continue;
    }
    const secret = pieces.find((piece) => piece.kind === 'secret');
    if (secret?.kind === 'secret') {
      context.problems.push(
        `workflow output "${name}" uses the secret input "${secret.name}": Argo would keep it in the ` +
          "workflow's status, readable by anyone who can read the workflow",
      );
      continue;
    }
    const expression = pieces.map((piece) => expressionOf(piece, context, inputs)).join(' + ');
    outputs.push({ name, globalName: name, valueFrom: { expression: expression || '""' } });
  }
  return { outputs, inputs: [...inputs] };
}

/** One piece in Argo's expression language: a string literal, or a task output or input of the DAG. */
function expressionOf(piece: TextPiece, context: ExportContext, inputs: Set<string>): string {
  switch (piece.kind) {
    case 'literal':
      // A JSON string is an expr string literal; `{` is escaped so that Argo's `{{…}}` never sees one.
      return JSON.stringify(piece.text).replace(/\{/g, '\\u007b');
    case 'step-output':
      context.uses.use(piece.stepId, piece.key);
      return `tasks['${taskOf(context, piece.stepId)}'].outputs.parameters['${piece.key}']`;
    case 'input':
      inputs.add(piece.name);
      context.inputsUsed.add(piece.name);
      return `inputs.parameters['${piece.name}']`;
    case 'secret':
      return '""';
  }
}
