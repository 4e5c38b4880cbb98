import { readFileSync } from 'node:fs';
import { findInterpolations } from '../interpolate/lex-interpolations.js';
import { parseWorkflow } from '../parse/parse-workflow.js';
import { InputError, MissingVariablesError } from '../run/run-errors.js';
import { prepareRun, type PrepareOptions, type PreparedRun } from '../run/prepare-run.js';

/** A prepared run for a plan, with what a run would have refused listed instead. */
export interface PreparedPlan {
  prepared: PreparedRun;
  /** Host variables without a value (shown as `${NAME}` in the plan). */
  missingVariables: string[];
  /** Problems with inputs: missing, unknown; missing ones are shown as `${inputs.name}`. */
  inputProblems: string[];
}

/**
 * prepareRun, except that missing variables and inputs are listed, not fatal: each stands for itself (`${NAME}`,
 * `${inputs.name}`) in the values, and unknown inputs are left out. An invalid workflow still throws.
 */
export function preparePlan(options: PrepareOptions): PreparedPlan {
  const hostEnv = { ...(options.hostEnv ?? process.env) };
  let inputs = { ...options.inputs };
  const missingVariables: string[] = [];
  const inputProblems: string[] = [];
  for (;;) {
    try {
      const prepared = prepareRun({ ...options, hostEnv, inputs });
      return { prepared, missingVariables, inputProblems };
    } catch (error) {
      if (error instanceof MissingVariablesError && !missingVariables.length) {
        missingVariables.push(...error.names);
        for (const name of error.names) hostEnv[name] = `\${${name}}`;
      } else if (error instanceof InputError && !inputProblems.length) {
        inputProblems.push(...error.problems);
        inputs = placeholderInputs(options, inputs);
      } else {
        throw error;
      }
    }
  }
}

/** The given inputs that are declared, plus `${inputs.x}` for each one without a value or default. */
function placeholderInputs(options: PrepareOptions, given: Record<string, string>): Record<string, string> {
  const text = options.text ?? readFileSync(options.workflowFile, 'utf8');
  const declared = parseWorkflow(text).inputs;
  const inputs: Record<string, string> = {};
  const placeholder = (name: string) => (inputs[name] = `\${inputs.${name}}`);
  if (declared) {
    for (const input of declared) {
      const name = input.name.value;
      if (Object.hasOwn(given, name)) inputs[name] = given[name] ?? '';
      else if (input.default === undefined) placeholder(name);
    }
    return inputs;
  }
  Object.assign(inputs, given);
  for (const { reference } of findInterpolations(text))
    if (reference.kind === 'input' && !Object.hasOwn(inputs, reference.name)) placeholder(reference.name);
  return inputs;
}
