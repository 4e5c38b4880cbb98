import { findInterpolations } from '../interpolate/lex-interpolations.js';
import type { EffectiveStep } from '../model/effective-step.js';
import type { Workflow } from '../model/workflow.js';

/** Why an input stops a run for want of a value. */
export type MissingInput = 'required' | 'used' | 'undeclared';

/**
 * The words for an input a run cannot do without, shared by `dagger-wf run` (which adds how to pass it) and
 * the editor's input box, so both refuse the same workflow the same way.
 */
export function missingInputProblem(name: string, why: MissingInput): string {
  switch (why) {
    case 'required':
      return `required input "${name}" is missing`;
    case 'used':
      return `input "${name}" is used but has no value or default`;
    case 'undeclared':
      return `input "${name}" is used but not given`;
  }
}

/** Every string the runner interpolates for these steps, plus the workflow's output values. */
export function interpolatedTexts(workflow: Workflow, steps: readonly EffectiveStep[]): string[] {
  const texts: string[] = [];
  for (const step of steps) {
    if (step.image) texts.push(step.image.value);
    for (const item of step.step.command?.items ?? []) texts.push(item.value);
    for (const value of step.environment.values()) texts.push(value.value);
    for (const volume of step.volumes) texts.push(volume.source?.value ?? '', volume.target?.value ?? '');
  }
  for (const output of workflow.outputs) texts.push(output.value?.value ?? '');
  return texts;
}

/** The names of the inputs `${inputs.x}` in these texts refer to. */
export function referencedInputs(texts: readonly string[]): Set<string> {
  return new Set(
    texts
      .flatMap((text) => findInterpolations(text))
      .flatMap((i) => (i.reference.kind === 'input' ? [i.reference.name] : [])),
  );
}
