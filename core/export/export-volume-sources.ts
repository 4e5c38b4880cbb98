import { prepareWorkflow, type PrepareOptions } from '../run/prepare-run.js';
import { literalText, splitValue } from './argo-text.js';

/**
 * The volume sources of a workflow, as an export resolves them (host variables filled in), each once, in order:
 * what an editor asks a claim for before exporting. Throws what prepareWorkflow throws.
 */
export function exportVolumeSources(options: Omit<PrepareOptions, 'inputs' | 'onlySteps'>): string[] {
  const prepared = prepareWorkflow(options);
  const context = { env: prepared.env, secretInputs: new Set<string>() };
  const sources = new Set<string>();
  for (const step of prepared.steps.values()) {
    for (const volume of step.volumes) {
      const source = volume.source && literalText(splitValue(volume.source.value, context));
      if (source) sources.add(source);
    }
  }
  return [...sources];
}
