import type { Located } from '../model/source.js';
import type {
  ContainerConfig,
  ContainerSettings,
  Step,
  Workflow,
  WorkflowOutput,
} from '../model/workflow.js';
import type { Interpolation } from './lex-interpolations.js';
import { locateInterpolations } from './locate-interpolations.js';

/** The strings where `${…}` is replaced (docs/workflow-format.md "Interpolation"). */
export type InterpolableField =
  'image' | 'command' | 'environment' | 'volume.source' | 'volume.target' | 'output.value';

/** Where a reference stands: in a step, in `container_config`, or in a workflow output. */
export type ReferenceSite =
  | { scope: 'step'; step: Step; field: InterpolableField; environmentKey?: string }
  | { scope: 'container_config'; field: InterpolableField; environmentKey?: string }
  | { scope: 'output'; output: WorkflowOutput; outputIndex: number; field: 'output.value' };

/** One `${…}` of a workflow, with spans in the document (`span` covers `${…}`, `innerSpan` the text inside). */
export interface WorkflowReference extends Interpolation {
  site: ReferenceSite;
  /** The scalar that holds the reference. */
  value: Located<string>;
}

/**
 * Every `${…}` in a workflow, in document order within each part: `container_config`, then each step, then
 * `outputs`. The language server uses it for references, rename and definition; the runner to list host
 * variables that are unset before any step starts.
 */
export function listReferences(workflow: Workflow): WorkflowReference[] {
  const text = workflow.source.text;
  const references: WorkflowReference[] = [];
  if (workflow.containerConfig)
    references.push(...listContainerConfigReferences(workflow.containerConfig, text));
  for (const step of workflow.steps) references.push(...listStepReferences(step, text));
  references.push(...listOutputReferences(workflow.outputs, text));
  return references;
}

/** The references in `container_config` (image, environment, volumes), in document order. */
export function listContainerConfigReferences(config: ContainerConfig, text: string): WorkflowReference[] {
  return listSettingsReferences(config, text, (field, environmentKey) => ({
    scope: 'container_config',
    field,
    environmentKey,
  }));
}

/** The references of one step (image, command, environment, volumes), in document order. */
export function listStepReferences(step: Step, text: string): WorkflowReference[] {
  // Most steps of a real workflow hold no `${`: one scan of the step's text settles it.
  if (!text.slice(step.span.start, step.span.end).includes('${')) return [];
  return listSettingsReferences(step, text, (field, environmentKey) => ({
    scope: 'step',
    step,
    field,
    environmentKey,
  }));
}

/** The references in `outputs[].value`. */
export function listOutputReferences(outputs: readonly WorkflowOutput[], text: string): WorkflowReference[] {
  const references: WorkflowReference[] = [];
  outputs.forEach((output, outputIndex) => {
    if (output.value)
      add(references, output.value, text, { scope: 'output', output, outputIndex, field: 'output.value' });
  });
  return references;
}

function listSettingsReferences(
  settings: ContainerSettings & { command?: Step['command'] },
  text: string,
  siteOf: (field: InterpolableField, environmentKey?: string) => ReferenceSite,
): WorkflowReference[] {
  const references: WorkflowReference[] = [];
  // The site object is only built for the rare string that holds a `${`.
  if (settings.image?.value.includes('${')) add(references, settings.image, text, siteOf('image'));
  for (const item of settings.command?.items ?? []) {
    if (item.value.includes('${')) add(references, item, text, siteOf('command'));
  }
  for (const entry of settings.environment?.entries ?? []) {
    if (entry.value.value.includes('${'))
      add(references, entry.value, text, siteOf('environment', entry.key.value));
  }
  for (const volume of settings.volumes?.items ?? []) {
    if (volume.source?.value.includes('${')) add(references, volume.source, text, siteOf('volume.source'));
    if (volume.target?.value.includes('${')) add(references, volume.target, text, siteOf('volume.target'));
  }
  // Fields are read one after the other; sort so references follow the text.
  return isSorted(references) ? references : references.sort((a, b) => a.span.start - b.span.start);
}

function add(
  references: WorkflowReference[],
  value: Located<string>,
  text: string,
  site: ReferenceSite,
): void {
  // The lexer's objects are fresh: extend them rather than copy them (this runs on every edit).
  for (const interpolation of locateInterpolations(value, text)) {
    const reference = interpolation as WorkflowReference;
    reference.site = site;
    reference.value = value;
    references.push(reference);
  }
}

function isSorted(references: readonly WorkflowReference[]): boolean {
  let previousStart = -Infinity;
  for (const { span } of references) {
    if (previousStart > span.start) return false;
    previousStart = span.start;
  }
  return true;
}
