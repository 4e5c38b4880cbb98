import type { Located } from './source.js';
import type { ContainerConfig, Step, Volume } from './workflow.js';

/** A step's container settings after `container_config` defaults are applied (docs/workflow-format.md "container_config"). */
export interface EffectiveStep {
  id: string;
  step: Step;
  image?: Located<string>;
  /** Key by key, step wins; each value keeps the node it came from. */
  environment: Map<string, Located<string>>;
  /** Merged by target, step wins. */
  volumes: Volume[];
  timeoutSeconds?: number;
  retries: number;
  retryDelay: number;
  cpu?: Located<string>;
  memory?: Located<string>;
  allowFailure: boolean;
}

/**
 * Apply `container_config` under a step: scalars replace, `environment` merges key by key,
 * `volumes` merge by `target` (the step wins in both).
 */
export function effectiveStep(step: Step, defaults: ContainerConfig | undefined): EffectiveStep {
  const environment = new Map<string, Located<string>>();
  for (const source of [defaults?.environment, step.environment]) {
    for (const entry of source?.entries ?? []) environment.set(entry.key.value, entry.value);
  }
  const volumesByTarget = new Map<string, Volume>();
  const untargeted: Volume[] = [];
  for (const source of [defaults?.volumes, step.volumes]) {
    for (const volume of source?.items ?? []) {
      if (volume.target) volumesByTarget.set(volume.target.value, volume);
      else untargeted.push(volume);
    }
  }
  return {
    id: step.id?.value ?? `#${step.index + 1}`,
    step,
    image: effectiveImage(step, defaults),
    environment,
    volumes: [...volumesByTarget.values(), ...untargeted],
    timeoutSeconds: (step.timeoutSeconds ?? defaults?.timeoutSeconds)?.value,
    retries: (step.retries ?? defaults?.retries)?.value ?? 0,
    retryDelay: (step.retryDelay ?? defaults?.retryDelay)?.value ?? 0,
    cpu: step.resources?.cpu ?? defaults?.resources?.cpu,
    memory: step.resources?.memory ?? defaults?.resources?.memory,
    allowFailure: step.allowFailure?.value ?? false,
  };
}

/** The image a step runs: its own, else `container_config`'s (scalars replace). Cheap: no merge of the rest. */
export function effectiveImage(
  step: Step,
  defaults: ContainerConfig | undefined,
): Located<string> | undefined {
  return step.image ?? defaults?.image;
}
