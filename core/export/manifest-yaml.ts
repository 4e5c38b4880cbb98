import { Document } from 'yaml';
import type { ArgoWorkflow } from './argo-types.js';

/**
 * The manifest as YAML for `argo submit` / `kubectl create -f`: a header naming its source and what the cluster
 * needs (the notes), then the resource. Long lines are not folded, so a command reads as it was written.
 */
export function manifestYaml(manifest: ArgoWorkflow, sourceFile: string, notes: readonly string[]): string {
  // Objects used twice (the splitter's command) are written once, with an anchor, then as aliases.
  const document = new Document(manifest, { aliasDuplicateObjects: true, anchorPrefix: 'dagger-wf-split' });
  document.commentBefore = [
    ` Argo Workflows manifest exported by dagger-wf from ${sourceFile}: regenerate it rather than edit it.`,
    ' Submit it with: argo submit FILE (or kubectl create -f FILE); workflow inputs: -p name=value.',
    ' Needs Argo Workflows with the emissary executor (the default since v3.4).',
    ...notes.map((note) => ` Note: ${note}`),
  ].join('\n');
  return document.toString({ lineWidth: 0 });
}
