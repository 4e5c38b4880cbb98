import type { Workflow } from '../../core/model/workflow.js';
import { effectiveStep } from '../../core/model/effective-step.js';
import { findInterpolations } from '../../core/interpolate/lex-interpolations.js';
import { interpolatedTexts, missingInputProblem, referencedInputs } from '../../core/run/input-values.js';
import { plannedSteps } from '../run/workflow-plan.js';

/** An input the run needs: declared under `inputs:`, or (without `inputs:`) referenced as `${inputs.x}`. */
export interface InputQuestion {
  name: string;
  description?: string;
  defaultValue?: string;
  required: boolean;
  secret: boolean;
  /**
   * Why an empty answer cannot be taken (the run would be refused, with these very words), when the input
   * has no default; undefined when an empty answer simply leaves the input without a value.
   */
  refusesEmpty?: string;
}

/**
 * The inputs a workflow asks for, in declaration (or first reference) order. `onlySteps` (Run Step) limits
 * which steps count as using an input, as the runner does.
 */
export function inputQuestions(workflow: Workflow, onlySteps?: readonly string[]): InputQuestion[] {
  const used = inputsUsedByRun(workflow, onlySteps);
  if (workflow.inputs) {
    return workflow.inputs.map((input) => {
      const name = input.name.value;
      const required = input.required?.value ?? false;
      const defaultValue = input.default?.value;
      const why = required ? 'required' : used.has(name) ? 'used' : undefined;
      return {
        name,
        description: input.description?.value,
        defaultValue,
        required,
        secret: input.secret?.value ?? false,
        refusesEmpty: defaultValue === undefined && why ? missingInputProblem(name, why) : undefined,
      };
    });
  }
  const names = new Set<string>();
  for (const interpolation of findInterpolations(workflow.source.text)) {
    if (interpolation.reference.kind === 'input') names.add(interpolation.reference.name);
  }
  return [...names].map((name) => ({
    name,
    required: true,
    secret: false,
    refusesEmpty: used.has(name) ? missingInputProblem(name, 'undeclared') : undefined,
  }));
}

/** The inputs the steps of this run (and the workflow outputs) refer to. */
function inputsUsedByRun(workflow: Workflow, onlySteps: readonly string[] | undefined): Set<string> {
  const wanted = new Set(plannedSteps(workflow, onlySteps));
  const steps = workflow.steps
    .filter((step) => step.id && wanted.has(step.id.value))
    .map((step) => effectiveStep(step, workflow.containerConfig));
  return referencedInputs(interpolatedTexts(workflow, steps));
}
