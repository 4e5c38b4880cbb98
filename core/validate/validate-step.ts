import { isSeq, type Document, type Node } from 'yaml';
import { listStepReferences, type WorkflowReference } from '../interpolate/list-references.js';
import type { Step } from '../model/workflow.js';
import { pairOf } from '../parse/step-fields.js';
import { checkCommand } from './check-command.js';
import { checkDuplicateDependencies } from './check-duplicate-dependencies.js';
import { checkImageReference } from './check-image-reference.js';
import { checkInterpolationSyntax } from './check-interpolation-syntax.js';
import { checkResources } from './check-resources.js';
import { checkVolumes } from './check-volumes.js';
import { checkStepSchema } from './schema/check-schema.js';
import type { SpanDiagnostic } from './span-diagnostic.js';
import { stepLabel } from './step-label.js';

/** One item of `steps`: its YAML node, its position, and its model (absent when the item is no mapping). */
export interface StepInput {
  node: Node | null;
  index: number;
  step: Step | undefined;
  document: Document;
  text: string;
}

/** What the step-local checks found, and the step's `${…}` references for the workflow-level checks. */
export interface StepValidation {
  diagnostics: SpanDiagnostic[];
  references: WorkflowReference[];
}

/**
 * The checks that depend on nothing but the step's own text: schema of the step subtree (DW002/DW003),
 * then `checkStepBody`. A language server may cache the result per step text.
 */
export function validateStep(input: StepInput): StepValidation {
  const { node, index, step, document, text } = input;
  const diagnostics = checkStepSchema(node, index, document, text);
  if (!step) return { diagnostics, references: [] };
  const commandNode = pairOf(node, 'command')?.value;
  const references = listStepReferences(step, text);
  diagnostics.push(...checkStepBody(step, isSeq(commandNode) && commandNode.items.length === 0, references));
  return { diagnostics, references };
}

/**
 * The step-local checks after the schema, on the step model alone: empty command (DW015), volumes (DW016,
 * DW025), resources (DW017/DW018), repeated depends_on entries (DW019), `${…}` syntax (DW020) of `references`
 * (the step's own, from `listStepReferences`) and the image reference (DW024). The one list of them: a language server that checks the
 * schema its own way calls this for the rest.
 */
export function checkStepBody(
  step: Step,
  emptyCommand: boolean,
  references: readonly WorkflowReference[],
): SpanDiagnostic[] {
  const label = stepLabel(step);
  return [
    ...checkCommand(step, emptyCommand),
    ...checkVolumes(step.volumes, label),
    ...checkResources(step.resources, label),
    ...checkDuplicateDependencies(step),
    ...checkInterpolationSyntax(references),
    ...checkImageReference(step.image, label),
  ];
}
