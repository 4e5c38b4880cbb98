import type { Workflow } from '../../core/model/workflow.js';
import { findInterpolations } from '../../core/interpolate/lex-interpolations.js';

/** An input the run needs: declared under `inputs:`, or (without `inputs:`) referenced as `${inputs.x}`. */
export interface InputQuestion {
  name: string;
  description?: string;
  defaultValue?: string;
  required: boolean;
  secret: boolean;
}

/** The inputs a workflow asks for, in declaration (or first reference) order. */
export function inputQuestions(workflow: Workflow): InputQuestion[] {
  if (workflow.inputs) {
    return workflow.inputs.map((input) => ({
      name: input.name.value,
      description: input.description?.value,
      defaultValue: input.default?.value,
      required: input.required?.value ?? false,
      secret: input.secret?.value ?? false,
    }));
  }
  const names = new Set<string>();
  for (const interpolation of findInterpolations(workflow.source.text)) {
    if (interpolation.reference.kind === 'input') names.add(interpolation.reference.name);
  }
  return [...names].map((name) => ({ name, required: true, secret: false }));
}
