import type { ArgoWorkflow } from './argo-types.js';
import { writeYaml } from './write-yaml.js';

/**
 * The manifest as YAML for `argo submit` / `kubectl create -f`: a header naming its source and what the cluster
 * needs (the notes), then the resource.
 */
export function manifestYaml(manifest: ArgoWorkflow, sourceFile: string, notes: readonly string[]): string {
  return writeYaml(manifest, [
    `Argo Workflows manifest exported by dagger-wf from ${sourceFile}: regenerate it rather than edit it.`,
    'Submit it with: argo submit FILE (or kubectl create -f FILE); workflow inputs: -p name=value.',
    'Needs Argo Workflows with the emissary executor (the default since v3.4).',
    ...notes.map((note) => `Note: ${note}`),
  ]);
}
