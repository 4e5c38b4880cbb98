import type { ArgoWorkflow, Template } from './argo-types.js';
import type { ExportContext } from './export-context.js';
import { STEP_ANNOTATION } from './step-template.js';

/**
 * What the cluster needs for this manifest, or what the user should know about it, one line each: the splitter
 * image, steps whose command Argo must look up, the Secret to create, claims and node paths, `.env` values that
 * were written into the file.
 */
export function exportNotes(
  manifest: ArgoWorkflow,
  context: ExportContext,
  fromEnvFile: readonly string[],
  outputImage: string,
): string[] {
  const notes: string[] = [];
  const stepsOf = (templates: Template[]) =>
    templates
      .map((template) => `"${template.metadata?.annotations?.[STEP_ANNOTATION] ?? template.name}"`)
      .join(', ');
  const split = manifest.spec.templates.filter((template) => template.containerSet);
  if (split.length)
    notes.push(
      `step outputs: other steps read the outputs of ${plural(split.length, 'step')} ${stepsOf(split)}; in their ` +
        `pods a container "main" (image ${outputImage}, which needs sh) runs after the step's own, unchanged ` +
        'container and splits $DAGGER_OUTPUT into one file per output',
    );
  const withoutCommand = manifest.spec.templates.filter((template) => {
    const container = template.container ?? template.containerSet?.containers[0];
    return container !== undefined && container.command === undefined;
  });
  if (withoutCommand.length)
    notes.push(
      `image command: ${plural(withoutCommand.length, 'step')} ${stepsOf(withoutCommand)} run the image's own ` +
        "command; Argo's emissary executor must find it (in the registry, or in the controller's images setting)",
    );
  const secrets = [...context.secretsUsed];
  if (secrets.length)
    notes.push(
      `secret inputs ${secrets.join(', ')} are read from the Kubernetes Secret "${context.secretName}"; create ` +
        `it first: kubectl create secret generic ${context.secretName} ` +
        secrets.map((name) => `--from-literal=${name}=…`).join(' '),
    );
  const globalOutputs = manifest.spec.templates.some((template) =>
    template.outputs?.parameters?.some((parameter) => parameter.globalName !== undefined),
  );
  if (secrets.length && globalOutputs)
    notes.push(
      "workflow outputs are not masked on Argo: a run shows *** for a secret input's value in them, but an " +
        "output whose value contains it shows it in the Workflow's status",
    );
  const volumes = manifest.spec.volumes ?? [];
  const claims = volumes.flatMap((volume) => volume.persistentVolumeClaim?.claimName ?? []);
  if (claims.length)
    notes.push(
      `volumes: the PersistentVolumeClaims ${claims.join(', ')} must exist in the namespace (ReadWriteMany for ` +
        'a claim that steps running at the same time mount)',
    );
  const hostPaths = volumes.flatMap((volume) => volume.hostPath?.path ?? []);
  if (hostPaths.length)
    notes.push(`volumes: ${hostPaths.join(', ')} are mounted from the node each pod runs on (hostPath)`);
  if (fromEnvFile.length)
    notes.push(
      `${fromEnvFile.map((name) => `\${${name}}`).join(', ')} came from the .env file and ` +
        `${fromEnvFile.length > 1 ? 'are' : 'is'} written into the manifest as plain text (a run masks .env ` +
        'values as secrets; declare a secret input for a secret instead)',
    );
  return notes;
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
