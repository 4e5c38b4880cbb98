import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { effectiveStep, type EffectiveStep } from '../model/effective-step.js';
import type { Workflow } from '../model/workflow.js';
import { describeFileError } from '../parse/describe-file-error.js';
import { parseWorkflow } from '../parse/parse-workflow.js';
import { readWorkflowFile } from '../parse/read-workflow-file.js';
import { DependencyGraph } from '../graph/dependency-graph.js';
import { findInterpolations } from '../interpolate/lex-interpolations.js';
import { loadEnvFile } from '../interpolate/load-env-file.js';
import { ownValue } from '../interpolate/resolve-interpolations.js';
import { checkRunnable } from './check-runnable.js';
import {
  interpolatedTexts,
  missingInputProblem,
  referencedInputs,
  type MissingInput,
} from './input-values.js';
import { InputError, InvalidWorkflowError, MissingVariablesError, WorkflowFileError } from './run-errors.js';

/**
 * What a run and an export share: the workflow known to be runnable, its steps with the `container_config`
 * defaults applied, and the host variables. Inputs are not looked at yet.
 */
export interface PreparedWorkflow {
  workflow: Workflow;
  workflowFile: string;
  workflowName: string;
  /** Relative volume sources resolve against this folder. */
  workflowDir: string;
  /** The steps to run, in declaration order. */
  stepIds: string[];
  steps: Map<string, EffectiveStep>;
  /** id -> ids it depends on, restricted to the steps of this run. */
  dependencies: Map<string, string[]>;
  /** Host environment over the `.env` file (the host wins, as with docker compose). */
  env: Record<string, string | undefined>;
  /** The variables of the `.env` file alone (a run masks them as secrets). */
  envFileVariables: Record<string, string>;
  /** Every string the runner interpolates for these steps, plus the workflow's output values. */
  interpolatedTexts: string[];
  /** `${VAR}` names without a default that have no value, sorted: a run or an export must refuse them. */
  missingVariables: string[];
}

/** What a run needs once the workflow is known to be runnable, its inputs complete and its variables set. */
export interface PreparedRun extends PreparedWorkflow {
  inputs: Record<string, string>;
  /** Values to mask: inputs declared `secret: true` and every value of the `.env` file. */
  secrets: string[];
  /** Names of the inputs declared `secret: true`. */
  secretInputs: string[];
}

export interface PrepareOptions {
  /** Absolute path; relative volume sources resolve against its folder. */
  workflowFile: string;
  /** The document text when it is open unsaved in an editor. */
  text?: string;
  inputs?: Record<string, string>;
  /** Default: `.env` beside the workflow when present. */
  envFile?: string;
  /** Default: process.env. */
  hostEnv?: Record<string, string | undefined>;
  /** Run these steps and their transitive dependencies only. */
  onlySteps?: string[];
  /**
   * How the front end's user supplies an input, for the problems that name one; default: the CLI's
   * `pass --input name=…`.
   */
  inputHint?: (name: string) => string;
}

/**
 * Everything that can be checked before a container starts: the workflow validates, the requested steps
 * exist, inputs are declared and complete, and every `${VAR}` without a default has a value.
 * Throws a RunSetupError subclass naming every problem of its kind at once.
 */
export function prepareRun(options: PrepareOptions): PreparedRun {
  const prepared = prepareWorkflow(options);
  const { workflow, envFileVariables } = prepared;
  const inputHint = options.inputHint ?? ((name: string) => `pass --input ${name}=…`);
  const inputs = completeInputs(workflow, options.inputs ?? {}, prepared.interpolatedTexts, inputHint);
  if (prepared.missingVariables.length) throw new MissingVariablesError(prepared.missingVariables);

  const secretInputs = (workflow.inputs ?? [])
    .filter((input) => input.secret?.value)
    .map((input) => input.name.value);
  const secrets = [
    ...secretInputs.flatMap((name) => ownValue(inputs, name) ?? []),
    ...Object.values(envFileVariables),
  ];
  return { ...prepared, inputs, secrets, secretInputs };
}

/**
 * The checks of `prepareRun` that need no inputs: the workflow validates, the requested steps exist, the
 * `.env` file reads. Missing host variables are listed, not thrown, so each caller decides when to refuse.
 * Throws InvalidWorkflowError, InputError (unknown steps) or WorkflowFileError.
 */
export function prepareWorkflow(options: Omit<PrepareOptions, 'inputs'>): PreparedWorkflow {
  const workflowFile = options.workflowFile;
  const workflowDir = dirname(workflowFile);
  const workflow = options.text === undefined ? readWorkflowOf(workflowFile) : parseWorkflow(options.text);
  const diagnostics = checkRunnable(workflow);
  if (diagnostics.length) throw new InvalidWorkflowError(workflowFile, diagnostics);

  const graph = DependencyGraph.of(workflow);
  const stepIds = selectSteps(graph, options.onlySteps);
  const steps = new Map<string, EffectiveStep>();
  for (const id of stepIds) {
    const step = graph.steps.get(id); // selectSteps picks ids from the graph
    if (step) steps.set(id, effectiveStep(step, workflow.containerConfig));
  }
  const dependencies = new Map(stepIds.map((id) => [id, graph.dependencies.get(id) ?? []]));

  const envFileVariables = readEnvFile(
    options.envFile ?? join(workflowDir, '.env'),
    options.envFile !== undefined,
  );
  const env = { ...envFileVariables, ...(options.hostEnv ?? process.env) };
  const texts = interpolatedTexts(workflow, [...steps.values()]);
  const workflowName = workflow.name?.value ?? workflowFile.split(/[\\/]/).pop() ?? workflowFile;
  return {
    workflow,
    workflowFile,
    workflowName,
    workflowDir,
    stepIds,
    steps,
    dependencies,
    env,
    envFileVariables,
    interpolatedTexts: texts,
    missingVariables: missingVariables(texts, env),
  };
}

/** The workflow file's model (one over the size limit unread, its DW001 saying so). */
function readWorkflowOf(path: string): Workflow {
  try {
    return readWorkflowFile(path);
  } catch (error) {
    throw new WorkflowFileError(`cannot read workflow file ${path}: ${describeFileError(error)}`);
  }
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new WorkflowFileError(`cannot read ${what} ${path}: ${describeFileError(error)}`);
  }
}

/** The `.env` variables; a default `.env` that is absent is fine, an explicit one must exist and parse. */
function readEnvFile(path: string, explicit: boolean): Record<string, string> {
  if (!explicit && !existsSync(path)) return {};
  readText(path, 'env file');
  const { variables, problems } = loadEnvFile(path);
  if (problems.length) throw new WorkflowFileError(`${path}: ${problems.join('; ')}`);
  return variables;
}

/** The requested steps and everything they depend on, in declaration order; all steps when none is requested. */
function selectSteps(graph: DependencyGraph, onlySteps: string[] | undefined): string[] {
  if (!onlySteps?.length) return [...graph.ids];
  const unknown = onlySteps.filter((id) => !graph.steps.has(id));
  if (unknown.length) throw new InputError(unknown.map((id) => `no step "${id}" in the workflow`));
  const wanted = new Set(onlySteps.flatMap((id) => [id, ...graph.transitiveDependencies(id)]));
  return graph.ids.filter((id) => wanted.has(id));
}

/** Supplied inputs checked against the declarations, with defaults filled in. */
function completeInputs(
  workflow: Workflow,
  supplied: Record<string, string>,
  texts: string[],
  hint: (name: string) => string,
): Record<string, string> {
  // A Map, so an input named `__proto__` or `constructor` is just a name.
  const inputs = new Map<string, string>();
  const problems: string[] = [];
  const missing = (name: string, why: MissingInput) => `${missingInputProblem(name, why)} (${hint(name)})`;
  const declared = workflow.inputs;
  if (declared) {
    const names = declared.map((input) => input.name.value);
    for (const name of Object.keys(supplied)) {
      if (!names.includes(name))
        problems.push(`unknown input "${name}" (declared: ${names.join(', ') || 'none'})`);
    }
    for (const input of declared) {
      const name = input.name.value;
      const value = ownValue(supplied, name) ?? input.default?.value;
      if (value !== undefined) inputs.set(name, value);
      else if (input.required?.value) problems.push(missing(name, 'required'));
    }
  } else {
    for (const [name, value] of Object.entries(supplied)) inputs.set(name, value);
  }
  for (const name of referencedInputs(texts)) {
    const declaredHere = declared?.some((input) => input.name.value === name);
    if (!inputs.has(name) && !declaredHere) problems.push(missing(name, 'undeclared'));
    else if (!inputs.has(name) && declaredHere && !problems.some((p) => p.includes(`"${name}"`))) {
      problems.push(missing(name, 'used'));
    }
  }
  if (problems.length) throw new InputError(problems);
  return Object.fromEntries(inputs);
}

/** Names of `${VAR}` references without a default that have no value, sorted and unique. */
function missingVariables(texts: string[], env: Record<string, string | undefined>): string[] {
  const missing = new Set<string>();
  for (const text of texts) {
    for (const { reference } of findInterpolations(text)) {
      if (
        reference.kind === 'env' &&
        reference.defaultValue === undefined &&
        ownValue(env, reference.name) === undefined
      ) {
        missing.add(reference.name);
      }
    }
  }
  return [...missing].sort();
}
