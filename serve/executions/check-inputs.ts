import type { ErrorObject } from 'ajv';
import { prepareRun, type PreparedRun } from '../../core/run/prepare-run.js';
import {
  InputError,
  InvalidWorkflowError,
  MissingVariablesError,
  RunSetupError,
} from '../../core/run/run-errors.js';
import { HttpProblem } from '../problem.js';
import { invalidWorkflowProblem } from '../workflows/invalid-workflow.js';
import type { CatalogWorkflow } from '../workflows/workflow-catalog.js';

/** The execute body once its schema holds: `{ inputs?: { name: string | number | boolean } }`. */
export interface ExecuteBody {
  inputs?: Record<string, unknown>;
}

/** What an HTTP client is told to do about a missing input. */
const inputHint = (name: string) => `add "${name}" to "inputs"`;

/**
 * Check an execute request before anything starts, with the same check `dagger-wf run` makes (prepareRun):
 * the body's shape and value types (the schema's problems, all of them), unknown and missing inputs, then
 * the workflow's `${VAR}`s. Throws a 400 naming every problem with the inputs, or a 422 for a workflow with
 * errors or one that cannot run here. Returns the prepared run and the inputs as text.
 */
export function checkExecuteRequest(
  workflow: CatalogWorkflow,
  body: ExecuteBody | null | undefined,
  schemaErrors: readonly ErrorObject[] | undefined,
  hostEnv: Record<string, string | undefined>,
): { prepared: PreparedRun; inputs: Record<string, string> } {
  if (workflow.errors.length) throw invalidWorkflowProblem(workflow);
  const declared = workflow.workflow?.inputs?.map((input) => input.name.value);
  const problems = (schemaErrors ?? [])
    // An unknown input is reported as unknown (by prepareRun below), whatever its type.
    .filter((error) => declared === undefined || !isInputPath(error) || declared.includes(inputName(error)))
    .map((error) => describeBodyError(error, body));
  if (problems.length > 0 && !isInputsObject(body)) throw badInputs(problems);
  const inputs: Record<string, string> = {};
  for (const [name, value] of Object.entries(body?.inputs ?? {})) {
    // A value of the wrong type is reported above; it still counts as given, so it is not "missing" too.
    inputs[name] = isInputValue(value) ? String(value) : '';
  }
  let prepared: PreparedRun;
  try {
    prepared = prepareRun({ workflowFile: workflow.file, text: workflow.text, inputs, hostEnv, inputHint });
  } catch (error) {
    if (error instanceof InputError) throw badInputs([...problems, ...error.problems]);
    if (problems.length) throw badInputs(problems);
    throw cannotRun(workflow, error);
  }
  if (problems.length) throw badInputs(problems);
  return { prepared, inputs };
}

function badInputs(problems: string[]): HttpProblem {
  return new HttpProblem(400, 'invalid-inputs', 'Invalid inputs', problems.join('; '), { errors: problems });
}

function cannotRun(workflow: CatalogWorkflow, error: unknown): unknown {
  if (error instanceof InvalidWorkflowError) return invalidWorkflowProblem(workflow, error.diagnostics);
  if (error instanceof MissingVariablesError)
    return new HttpProblem(
      422,
      'missing-variables',
      'Workflow cannot run here',
      `${error.message} (on the server)`,
    );
  if (error instanceof RunSetupError)
    return new HttpProblem(422, 'cannot-run', 'Workflow cannot run here', error.message);
  return error;
}

function isInputsObject(body: ExecuteBody | null | undefined): boolean {
  if (body === null || body === undefined) return true;
  if (typeof body !== 'object' || Array.isArray(body)) return false;
  const inputs = body.inputs;
  return inputs === undefined || (typeof inputs === 'object' && inputs !== null && !Array.isArray(inputs));
}

function isInputValue(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** The JSON-pointer parts of where a schema problem is (`/inputs/a~1b` → inputs, a/b). */
function pathOf(error: ErrorObject): string[] {
  return error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isInputPath(error: ErrorObject): boolean {
  return pathOf(error).length === 2;
}

function inputName(error: ErrorObject): string {
  return pathOf(error)[1] ?? '';
}

/** One schema problem of the body in words that name the input or field. */
function describeBodyError(error: ErrorObject, body: unknown): string {
  const path = pathOf(error);
  if (path.length === 0) {
    if (error.keyword === 'additionalProperties') {
      const field = String((error.params as { additionalProperty?: string }).additionalProperty);
      return `unknown field "${field}" in the body (send {"inputs": {…}})`;
    }
    return `the body must be a JSON object like {"inputs": {…}}, not ${kindOf(body)}`;
  }
  if (path.length === 1)
    return `"inputs" must be an object of name: value, not ${kindOf((body as ExecuteBody).inputs)}`;
  const name = path[1] ?? '';
  const value = (body as ExecuteBody).inputs?.[name];
  return `input "${name}" must be a string, number or boolean, not ${kindOf(value)}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
