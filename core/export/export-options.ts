import { basename } from 'node:path';
import { imageReferenceProblem } from '../model/image-reference.js';
import { DNS_LABEL, DNS_SUBDOMAIN, MAX_OBJECT_NAME, toDnsLabel } from './argo-names.js';
import { ExportError } from './export-errors.js';
import { DEFAULT_OUTPUT_IMAGE } from './output-splitter.js';
import type { VolumeClaim } from './volume-mapping.js';

/** The export's options, checked and with their defaults. */
export interface ExportSettings {
  name?: string;
  namespace?: string;
  secretName: string;
  outputImage: string;
  defaultTimeoutSeconds: number;
  volumeClaims: readonly VolumeClaim[];
}

/** Kubernetes allows 253 characters for a Secret's or a claim's name. */
const MAX_SUBDOMAIN = 253;
/** generateName gets 5 random characters appended; the whole must stay within Argo's 63. */
const MAX_GENERATE_NAME_BASE = MAX_OBJECT_NAME - 6;
const NAME_RULE = 'lowercase letters, digits, "-" and "."';

/** The workflow's name on the cluster: its file name without `.dagger.yaml` (the id `serve` uses too). */
export function workflowSlug(workflowFile: string): string {
  const stem = basename(workflowFile).replace(/(\.dagger)?\.ya?ml$/i, '');
  return toDnsLabel(stem, MAX_GENERATE_NAME_BASE) || 'workflow';
}

/** Check the names and values the caller chose; every bad one is reported at once. */
export function checkExportOptions(
  options: {
    name?: string;
    namespace?: string;
    secretName?: string;
    outputImage?: string;
    defaultTimeoutSeconds?: number;
    volumeClaims?: readonly VolumeClaim[];
  },
  slug: string,
): ExportSettings {
  const problems: string[] = [];
  const { name, namespace } = options;
  if (name !== undefined && (!DNS_SUBDOMAIN.test(name) || name.length > MAX_OBJECT_NAME))
    problems.push(`workflow name "${name}" is not a valid name (${NAME_RULE}, at most ${MAX_OBJECT_NAME})`);
  if (namespace !== undefined && (!DNS_LABEL.test(namespace) || namespace.length > MAX_OBJECT_NAME))
    problems.push(`namespace "${namespace}" is not a valid name (lowercase letters, digits and "-")`);
  const secretName = options.secretName ?? `${slug}-inputs`;
  if (!DNS_SUBDOMAIN.test(secretName) || secretName.length > MAX_SUBDOMAIN)
    problems.push(`Secret name "${secretName}" is not a valid name (${NAME_RULE})`);
  const outputImage = options.outputImage ?? DEFAULT_OUTPUT_IMAGE;
  const imageProblem = imageReferenceProblem(outputImage);
  if (imageProblem) problems.push(`output image: ${imageProblem}`);
  const defaultTimeoutSeconds = options.defaultTimeoutSeconds ?? 3600;
  if (!Number.isInteger(defaultTimeoutSeconds) || defaultTimeoutSeconds < 1)
    problems.push(`default timeout ${defaultTimeoutSeconds} is not a whole number of seconds`);
  const sources = new Set<string>();
  for (const { source, claim } of options.volumeClaims ?? []) {
    if (!DNS_SUBDOMAIN.test(claim) || claim.length > MAX_SUBDOMAIN)
      problems.push(`volume claim "${claim}" (for ${source}) is not a valid name (${NAME_RULE})`);
    if (sources.has(source)) problems.push(`two volume claims are given for the source "${source}"`);
    sources.add(source);
  }
  if (problems.length) throw new ExportError(problems);
  return {
    name,
    namespace,
    secretName,
    outputImage,
    defaultTimeoutSeconds,
    volumeClaims: options.volumeClaims ?? [],
  };
}
